// Slack's side of Socket Mode, for FakeSlack: `apps.connections.open` hands out a one-use websocket
// URL, the socket says `hello`, envelopes go down it and the app's acknowledgements come back up.
// Shapes as in Slack's "Using Socket Mode" (docs.slack.dev/apis/events-api/using-socket-mode) and
// as @slack/socket-mode 3.1 reads them (SocketModeClient.onWebSocketMessage, send()).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

/** The envelope types Slack sends over the socket (besides `hello` and `disconnect`). */
export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** What the app sent back for an envelope: `{envelope_id, payload?}`. */
export interface Acknowledgement {
  envelope_id: string;
  payload?: Record<string, unknown>;
  /** Date.now() when it arrived. */
  at: number;
}

export interface SendOptions {
  /** Slack: true for slash commands and interactive payloads, false for Events API events. */
  acceptsResponsePayload?: boolean;
  retryAttempt?: number;
  retryReason?: string;
  /** How long to wait for the acknowledgement (default 10 s). */
  timeoutMs?: number;
}

interface AckWaiter {
  resolve: (ack: Acknowledgement) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

type Json = Record<string, unknown>;

/** Whose socket a ticket opens: the app-level token that asked for it. */
const APP_TOKEN = /^xapp-/;

export class FakeSocketMode {
  /** Every acknowledgement received, in order. */
  readonly acks: Acknowledgement[] = [];
  /** Messages from the app that were not an acknowledgement of an envelope sent (must stay empty). */
  readonly stray: string[] = [];
  /** How many sockets were opened since the start (a reconnection adds one). */
  opened = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly sockets = new Set<WebSocket>();
  private readonly pending = new Map<string, AckWaiter>();
  private readonly watchers = new Set<() => void>();

  /** `appToken`: the one app-level token apps.connections.open accepts; any `xapp-…` when not given. */
  constructor(
    private readonly baseUrl: string,
    private readonly appId: string,
    private readonly appToken?: string,
  ) {}

  /** The number of sockets open now. */
  get connected(): number {
    return [...this.sockets].filter((s) => s.readyState === s.OPEN).length;
  }

  /**
   * The answer of `apps.connections.open`. Slack takes only an app-level token (`xapp-…`), in the
   * Authorization header; a bot token is refused, and an app-level token revoked or of another app.
   */
  open(token: string): Json {
    if (!token) return { ok: false, error: 'not_authed' };
    if (!APP_TOKEN.test(token)) return { ok: false, error: 'not_allowed_token_type' };
    if (this.appToken !== undefined && token !== this.appToken) return { ok: false, error: 'invalid_auth' };
    const ticket = randomUUID();
    this.tickets.add(ticket);
    const url = new URL(`/link/?ticket=${ticket}&app_id=${this.appId}`, this.baseUrl);
    url.protocol = 'ws:';
    return { ok: true, url: url.toString() };
  }

  /** The HTTP server's `upgrade`: a ticket from open() is good for one socket. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/link/' || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  /**
   * Sends an envelope down the newest open socket (Slack may pick any of an app's sockets) and
   * resolves with the app's acknowledgement of it. Fails at once when no socket is open, as Slack
   * then fails the person's command.
   */
  send(type: EnvelopeType, payload: unknown, options: SendOptions = {}): Promise<Acknowledgement> {
    const envelopeId = randomUUID();
    const envelope = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: options.acceptsResponsePayload ?? type !== 'events_api',
      ...(options.retryAttempt !== undefined
        ? { retry_attempt: options.retryAttempt, retry_reason: options.retryReason ?? 'timeout' }
        : {}),
    };
    return this.deliver(envelopeId, JSON.stringify(envelope), options.timeoutMs ?? 10_000);
  }

  /** Sends any text down the open sockets, as it is (for garbage that is not an envelope). */
  sendRaw(text: string): void {
    for (const socket of this.openSockets()) socket.send(text);
  }

  /** Slack's notice that it is about to close the socket (`warning`, `refresh_requested`, `link_disabled`). */
  disconnect(reason: 'warning' | 'refresh_requested' | 'link_disabled'): void {
    this.sendRaw(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-applink' } }));
  }

  /** Drops every open socket without a word, as a network cut or a recycled Slack host would. */
  drop(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  /** Resolves once `count` sockets have been opened since the start. */
  waitForOpened(count: number, timeoutMs = 15_000): Promise<void> {
    return this.until(() => this.opened >= count && this.connected > 0, `socket number ${count}`, timeoutMs);
  }

  /** Resolves once a socket is open. */
  waitForConnected(timeoutMs = 15_000): Promise<void> {
    return this.until(() => this.connected > 0, 'an open socket', timeoutMs);
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    for (const [id, waiter] of this.pending) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(`FakeSlack stopped before envelope ${id} was acknowledged`));
    }
    this.pending.clear();
    for (const wake of [...this.watchers]) wake();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private openSockets(): WebSocket[] {
    return [...this.sockets].filter((s) => s.readyState === s.OPEN);
  }

  private deliver(envelopeId: string, text: string, timeoutMs: number): Promise<Acknowledgement> {
    const socket = this.openSockets().at(-1);
    if (!socket) return Promise.reject(new Error('no Socket Mode connection is open: Slack cannot deliver'));
    return new Promise<Acknowledgement>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`envelope ${envelopeId} was not acknowledged within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(envelopeId, { resolve, reject, timer });
      socket.send(text);
    });
  }

  private accept(socket: WebSocket): void {
    this.sockets.add(socket);
    this.opened += 1;
    socket.on('message', (data: RawData) => this.received(String(data)));
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.wake();
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.connected,
        debug_info: { host: 'fake-applink', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
    this.wake();
  }

  /** An acknowledgement: `{envelope_id, payload?}` naming an envelope not yet acknowledged. */
  private received(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.stray.push(text);
      return;
    }
    const { envelope_id: id, payload } = (message ?? {}) as { envelope_id?: unknown; payload?: unknown };
    const waiter = typeof id === 'string' ? this.pending.get(id) : undefined;
    if (!waiter || (payload !== undefined && (typeof payload !== 'object' || payload === null))) {
      this.stray.push(text);
      return;
    }
    this.pending.delete(id as string);
    clearTimeout(waiter.timer);
    const ack: Acknowledgement = { envelope_id: id as string, at: Date.now() };
    if (payload) ack.payload = payload as Record<string, unknown>;
    this.acks.push(ack);
    waiter.resolve(ack);
  }

  private wake(): void {
    for (const check of [...this.watchers]) check();
  }

  private until(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.watchers.delete(check);
      };
      const check = () => {
        if (condition()) {
          done();
          resolve();
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (opened so far: ${this.opened})`));
      }, timeoutMs);
      this.watchers.add(check);
    });
  }
}
