// The long connection of FakeFeishu: the websocket whose URL /callback/ws/endpoint hands out,
// speaking protobuf `pbbp2.Frame` as the SDK's WSClient does (its definition read from the SDK's
// lib/index.js). Events are pushed as data frames (method 1, header type `event`); the client
// answers each with a data frame carrying the same headers and `{code, data: base64(JSON)}`; pings
// (method 0, type `ping`) are answered with a pong carrying the client configuration.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import protobuf from 'protobufjs';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

// SeqID and LogID are uint64 in the SDK's definition. The SDK clears protobufjs's Long support
// (`$protobuf.util.Long = undefined`, shared by every user of protobufjs in the process), without
// which reflection cannot set up a uint64 field; as uint32 they are the same varint on the wire for
// every value below 2^32, which is all the fake sends (and the client echoes back).
const PROTO = `
syntax = "proto2";
package pbbp2;
message Header { required string key = 1; required string value = 2; }
message Frame {
  required uint32 SeqID = 1;
  required uint32 LogID = 2;
  required int32 service = 3;
  required int32 method = 4;
  repeated Header headers = 5;
  optional string payload_encoding = 6;
  optional string payload_type = 7;
  optional bytes payload = 8;
  optional string LogIDNew = 9;
}`;
const Frame = protobuf.parse(PROTO).root.lookupType('pbbp2.Frame');

export const SERVICE_ID = 7;
const CONTROL = 0;
const DATA = 1;

interface FrameShape {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: Array<{ key: string; value: string }>;
  payload?: Uint8Array;
}

/** What the client answered to a pushed event: `code` 200 when its handler ran, and what the handler returned. */
export interface EventAnswer {
  code: number;
  data?: unknown;
  /** How long the answer took, in ms (Feishu gives a card callback 3 s). */
  tookMs: number;
}

interface Pending {
  resolve: (answer: EventAnswer) => void;
  reject: (error: Error) => void;
  sentAt: number;
  timer: NodeJS.Timeout;
}

export class FakeFeishuGateway {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly pending = new Map<string, Pending>();
  private seq = 0;
  /** Pings the client sent. */
  pings = 0;
  /** Connections the client opened so far. */
  connections = 0;

  constructor() {
    this.server.on('connection', (socket) => {
      this.connections++;
      this.sockets.add(socket);
      socket.on('message', (raw) => this.onFrame(socket, raw));
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** The http server's upgrade of `/ws?device_id=…&service_id=…`. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://fake');
    if (url.pathname !== '/ws' || !url.searchParams.get('device_id')) {
      socket.destroy();
      return;
    }
    this.server.handleUpgrade(request, socket, head, (ws) => this.server.emit('connection', ws, request));
  }

  get connected(): boolean {
    return this.sockets.size > 0;
  }

  /**
   * Pushes a v2 event (`{schema, header, event}`) to the connected client, as Feishu does, and
   * resolves with the client's answer; rejects when no answer comes in `timeoutMs`.
   */
  push(
    eventType: string,
    event: unknown,
    options: { eventId?: string; timeoutMs?: number } = {},
  ): Promise<EventAnswer> {
    const socket = [...this.sockets][0];
    if (!socket) return Promise.reject(new Error('no long connection is open'));
    const eventId = options.eventId ?? randomBytes(16).toString('hex');
    const messageId = `msg_${randomBytes(8).toString('hex')}`;
    const payload = {
      schema: '2.0',
      header: {
        event_id: eventId,
        event_type: eventType,
        create_time: String(Date.now()),
        token: '',
        app_id: 'fake',
        tenant_key: 'tenant_fake',
      },
      event,
    };
    const frame: FrameShape = {
      SeqID: ++this.seq,
      LogID: this.seq,
      service: SERVICE_ID,
      method: DATA,
      headers: [
        { key: 'type', value: 'event' },
        { key: 'message_id', value: messageId },
        { key: 'sum', value: '1' },
        { key: 'seq', value: '0' },
        { key: 'trace_id', value: `trace_${this.seq}` },
      ],
      payload: new TextEncoder().encode(JSON.stringify(payload)),
    };
    return new Promise<EventAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(messageId);
        reject(new Error(`no answer to ${eventType} ${eventId} in ${options.timeoutMs ?? 10_000} ms`));
      }, options.timeoutMs ?? 10_000);
      this.pending.set(messageId, { resolve, reject, sentAt: Date.now(), timer });
      socket.send(Frame.encode(Frame.fromObject(frame)).finish());
    });
  }

  /** Closes the connection from Feishu's side (the client reconnects through /callback/ws/endpoint). */
  drop(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  async stop(): Promise<void> {
    for (const { timer, reject } of this.pending.values()) {
      clearTimeout(timer);
      reject(new Error('the fake stopped'));
    }
    this.pending.clear();
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onFrame(socket: WebSocket, raw: RawData): void {
    const bytes = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as ArrayBuffer);
    const frame = Frame.toObject(Frame.decode(bytes)) as FrameShape;
    const header = (key: string) => frame.headers?.find((h) => h.key === key)?.value;
    if (frame.method === CONTROL && header('type') === 'ping') {
      this.pings++;
      const pong: FrameShape = {
        SeqID: 0,
        LogID: 0,
        service: frame.service,
        method: CONTROL,
        headers: [{ key: 'type', value: 'pong' }],
        payload: new TextEncoder().encode(JSON.stringify(clientConfig())),
      };
      socket.send(Frame.encode(Frame.fromObject(pong)).finish());
      return;
    }
    if (frame.method !== DATA) return;
    const id = header('message_id') ?? '';
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    const answer = JSON.parse(new TextDecoder().decode(frame.payload ?? new Uint8Array())) as {
      code: number;
      data?: string;
    };
    const data = answer.data ? (JSON.parse(Buffer.from(answer.data, 'base64').toString('utf8')) as unknown) : undefined;
    pending.resolve({ code: answer.code, data, tookMs: Date.now() - pending.sentAt });
  }
}

/** What /callback/ws/endpoint and each pong tell the client (seconds): ping rarely, reconnect at once. */
export function clientConfig() {
  return { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 };
}
