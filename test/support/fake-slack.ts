// An in-process stand-in for Slack's Web API and response_url endpoints, so
// integration tests can drive the real Bolt / WebClient stack over real HTTP; and for Slack's side
// of Socket Mode (fake-slack-socket.ts), on the same port.
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { MANIFEST_SCOPES, SlackMessages, FAKE_APP_ID, type StoredMessage } from './fake-slack-messages.js';
import { SlackFiles, type StoredFile } from './fake-slack-files.js';
import { FakeSocketMode } from './fake-slack-socket.js';

export { MANIFEST_SCOPES, type StoredMessage } from './fake-slack-messages.js';
export type { StoredFile } from './fake-slack-files.js';
export type { Acknowledgement, EnvelopeType } from './fake-slack-socket.js';

export interface RecordedCall {
  /** Web API method (e.g. 'chat.postMessage') or 'response' for response_url posts. */
  method: string;
  /** Decoded body: form fields holding JSON (blocks, view, ...) are parsed back into objects. */
  body: Record<string, unknown>;
  rawBody: string;
  headers: IncomingHttpHeaders;
  path: string;
  /** Date.now() when the request arrived. */
  at: number;
  /** HTTP status the fake answered with. */
  status: number;
  /** JSON the fake answered with (undefined for injected 5xx). */
  response: unknown;
}

/**
 * What to answer instead of serving the call. `afterServing`: the call is served (a message is
 * posted) and only then answered with the failure, as when Slack fails after storing, or the
 * answer is lost on the way back.
 */
export type Failure = ({ status: 429; retryAfterSeconds: number } | { status: 500 | 503 } | { slackError: string }) & {
  afterServing?: boolean;
};

export interface WaitOptions {
  predicate?: (call: RecordedCall) => boolean;
  timeoutMs?: number;
  /** Resolve once this many matching calls have been seen (default 1). */
  count?: number;
}

export interface FakeUser {
  id: string;
  name?: string;
  real_name?: string;
  locale?: string;
  tz?: string;
  is_bot?: boolean;
}

export interface FakeSlackOptions {
  /**
   * The bot token's scopes. Only the history methods check them (as Slack does, answering
   * `missing_scope`); by default the token has those of slack-manifest.yml.
   */
  scopes?: string[];
  botUserId?: string;
  botId?: string;
  teamId?: string;
  team?: string;
  /** Locale reported for users that were never preset with setUser(). */
  defaultLocale?: string;
  /** The one app-level token `apps.connections.open` accepts (Socket Mode); any `xapp-…` by default. */
  appToken?: string;
}

type Json = Record<string, unknown>;

const CHANNEL_METHODS = new Set([
  'chat.postMessage',
  'chat.update',
  'chat.postEphemeral',
  'conversations.info',
  'conversations.history',
  'conversations.replies',
]);

// web-api JSON-stringifies every non-primitive argument into the form; `text`
// is always a plain string, so never reinterpret it even if it looks like JSON.
function decodeFormValue(key: string, value: string): unknown {
  if (key === 'text' || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function parseBody(raw: string, contentType: string | undefined, query: URLSearchParams): Json {
  const body: Json = {};
  for (const [k, v] of query) body[k] = decodeFormValue(k, v);
  if (raw === '') return body;
  if (contentType?.startsWith('application/json')) {
    try {
      return { ...body, ...(JSON.parse(raw) as Json) };
    } catch {
      return body;
    }
  }
  for (const [k, v] of new URLSearchParams(raw)) body[k] = decodeFormValue(k, v);
  return body;
}

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly baseUrl: string;
  /** Ends with '/', because web-api appends the method name directly. */
  readonly apiUrl: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  readonly team: string;
  /** Slack's side of Socket Mode: `apps.connections.open`, the websocket, envelopes and acknowledgements. */
  readonly socketMode: FakeSocketMode;

  private readonly failures = new Map<string, Failure[]>();
  /** Standing faults (issue 18's scenario 4): every n-th call to a method fails, or calls hang before their answer. */
  private readonly everyNth = new Map<string, { every: number; failure: Failure; seen: number }>();
  private readonly hangs = new Map<string, number[]>();
  private hanging = 0;
  private readonly users = new Map<string, FakeUser>();
  private readonly channels = new Map<string, Json>();
  /** The app's direct conversation with each person (`U123` → `D…`), opened by the first post to them. */
  private readonly directs = new Map<string, string>();
  private readonly messages: SlackMessages;
  private readonly files: SlackFiles;
  private readonly waiters = new Set<() => void>();
  private readonly defaultLocale: string;
  private stopped = false;
  private idCounter = 0;

  private constructor(
    private readonly server: Server,
    port: number,
    opts: FakeSlackOptions,
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.baseUrl}/api/`;
    this.botUserId = opts.botUserId ?? 'U0BOT0001';
    this.botId = opts.botId ?? 'B0BOT0001';
    this.teamId = opts.teamId ?? 'T0TEAM001';
    this.team = opts.team ?? 'Zhiban Test';
    this.defaultLocale = opts.defaultLocale ?? 'en-US';
    this.files = new SlackFiles(this.baseUrl);
    this.socketMode = new FakeSocketMode(this.baseUrl, FAKE_APP_ID, opts.appToken);
    this.messages = new SlackMessages(
      { user: this.botUserId, bot_id: this.botId, team: this.teamId },
      (channel) => this.channels.get(channel)?.is_private === true,
      new Set(opts.scopes ?? MANIFEST_SCOPES),
    );
  }

  static async start(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
    // eslint-disable-next-line prefer-const -- assigned after listen(), read by the listener
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => {
      // The listener can only fire after listen() resolved, by which time `fake` is set.
      fake!.handle(req, res).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    fake = new FakeSlack(server, (server.address() as AddressInfo).port, opts);
    server.on('upgrade', (req, socket, head) => fake!.socketMode.upgrade(req, socket, head));
    return fake;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.socketMode.stop();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Clients (undici, axios) keep sockets alive; without this close() waits for them.
    this.server.closeAllConnections();
    for (const wake of [...this.waiters]) wake();
    await closed;
  }

  responseUrl(id: string = `r${++this.idCounter}`): string {
    return `${this.baseUrl}/response/${id}`;
  }

  setUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  setChannel(id: string, info: Json): void {
    this.channels.set(id, info);
  }

  /** The bot token's scopes from now on (a reinstall with another manifest). */
  setScopes(scopes: string[]): void {
    this.messages.scopes = new Set(scopes);
  }

  /** The id of the app's direct conversation with `userId`, once something was posted to them. */
  directChannelOf(userId: string): string | undefined {
    return this.directs.get(userId);
  }

  /** The channel's messages that are not thread replies, oldest first, as they are now. */
  messagesIn(channel: string): StoredMessage[] {
    return this.messages.topLevel(channel);
  }

  /** The files shared in `channel` through the external upload flow, with their bytes. */
  filesIn(channel: string): StoredFile[] {
    return this.files.sharedIn(channel);
  }

  /** The replies in the thread under `ts`, oldest first. */
  repliesUnder(channel: string, ts: string): StoredMessage[] {
    return this.messages.replies(channel, ts);
  }

  failNext(method: string, failure: Failure): void {
    this.failTimes(method, 1, failure);
  }

  failTimes(method: string, times: number, failure: Failure): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  /**
   * From now until clearFaults(), every `every`-th call to `method` (the 2nd, 4th, … for 2) is
   * answered with `failure`; failNext's queue goes first.
   */
  failEvery(method: string, every: number, failure: Failure): void {
    this.everyNth.set(method, { every, failure, seen: 0 });
  }

  /** The next call to `method` is answered only after `ms` (and then served as usual): a Slack that hangs. */
  hangNext(method: string, ms: number): void {
    this.hangs.set(method, [...(this.hangs.get(method) ?? []), ms]);
  }

  /** Calls hangNext asked for that are not answered yet (not yet come, or still held). */
  get hangsLeft(): number {
    return [...this.hangs.values()].reduce((n, q) => n + q.length, 0) + this.hanging;
  }

  /** Ends failEvery's and hangNext's faults not yet used. */
  clearFaults(): void {
    this.everyNth.clear();
    this.hangs.clear();
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the `count`-th matching call, counting calls already recorded. */
  waitFor(method: string, opts: WaitOptions = {}): Promise<RecordedCall> {
    const { predicate = () => true, timeoutMs = 5000, count = 1 } = opts;
    const match = (): RecordedCall | undefined => this.callsTo(method).filter(predicate)[count - 1];
    const found = match();
    if (found) return Promise.resolve(found);
    return new Promise<RecordedCall>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      const check = (): void => {
        const hit = match();
        if (hit) {
          done();
          resolve(hit);
        } else if (this.stopped) {
          done();
          reject(new Error(`FakeSlack stopped while waiting for ${method}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        const seen = this.calls.map((c) => `  ${c.method} ${JSON.stringify(c.body).slice(0, 160)}`).join('\n');
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms waiting for ${count} x ${method}; calls seen:\n${seen || '  (none)'}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Largest number of calls to `method` that fall inside any window of `windowMs`. */
  maxRateOver(method: string, windowMs: number): number {
    if (windowMs <= 0) return 0;
    const times = this.callsTo(method)
      .map((c) => c.at)
      .sort((a, b) => a - b);
    let best = 0;
    for (let lo = 0, hi = 0; hi < times.length; hi++) {
      while (times[hi]! - times[lo]! >= windowMs) lo++;
      best = Math.max(best, hi - lo + 1);
    }
    return best;
  }

  /** Next Slack-style ts: the time now (seconds.microseconds), strictly increasing as Slack's are. */
  nextTs(): string {
    return this.messages.nextTs();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const rawBody = raw.toString('utf8');
    const url = new URL(req.url ?? '/', this.baseUrl);
    if (url.pathname.startsWith('/upload/')) {
      const uploaded = await this.files.upload(url.pathname.slice('/upload/'.length), raw, req.headers['content-type']);
      const call = { method: 'upload', body: {}, rawBody: '', headers: req.headers, path: url.pathname, at };
      this.calls.push({ ...call, status: uploaded.status, response: uploaded.text });
      for (const wake of [...this.waiters]) wake();
      res.writeHead(uploaded.status, { 'content-type': 'text/plain' }).end(uploaded.text);
      return;
    }
    const body = parseBody(rawBody, req.headers['content-type'], url.searchParams);

    let method: string;
    if (url.pathname.startsWith('/api/')) method = url.pathname.slice('/api/'.length);
    else if (url.pathname.startsWith('/response/')) method = 'response';
    else {
      res.writeHead(404).end();
      return;
    }

    const hang = this.hangs.get(method)?.shift();
    if (hang) {
      this.hanging++;
      await new Promise((resolve) => setTimeout(resolve, hang));
      this.hanging--;
    }
    const failure = this.failures.get(method)?.shift() ?? this.nthFailure(method);
    if (failure?.afterServing) this.answer(method, body, req.headers.authorization);
    let status = 200;
    let response: unknown;
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (failure && 'status' in failure) {
      status = failure.status;
      if (failure.status === 429) {
        headers['retry-after'] = String(failure.retryAfterSeconds);
        response = { ok: false, error: 'ratelimited' };
      }
    } else if (failure) {
      response = { ok: false, error: failure.slackError };
    } else {
      response = this.answer(method, body, req.headers.authorization);
    }

    this.calls.push({ method, body, rawBody, headers: req.headers, path: url.pathname, at, status, response });
    for (const wake of [...this.waiters]) wake();

    if (response === undefined) headers['content-type'] = 'text/plain';
    res.writeHead(status, headers).end(response === undefined ? 'injected failure' : JSON.stringify(response));
  }

  private nthFailure(method: string): Failure | undefined {
    const rule = this.everyNth.get(method);
    if (!rule) return undefined;
    rule.seen++;
    return rule.seen % rule.every === 0 ? rule.failure : undefined;
  }

  private conversationOf(channel: string): string {
    if (!/^[UW][A-Z0-9]+$/.test(channel)) return channel;
    let direct = this.directs.get(channel);
    if (!direct) {
      direct = `D${String(this.directs.size + 1).padStart(8, '0')}`;
      this.directs.set(channel, direct);
    }
    return direct;
  }

  private answer(method: string, body: Json, authorization: string | undefined): Json {
    if (method === 'response') return { ok: true };
    // Slack wants the app-level token of this one in the Authorization header, never in the body.
    if (method === 'apps.connections.open')
      return this.socketMode.open(authorization?.replace(/^Bearer\s+/i, '') ?? '');
    const token = authorization?.replace(/^Bearer\s+/i, '') ?? (typeof body.token === 'string' ? body.token : '');
    if (!token) return { ok: false, error: 'not_authed' };
    if (!/^xox[a-z]-/.test(token)) return { ok: false, error: 'invalid_auth' };

    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    const channel = str(body.channel);
    const bot = { team_id: this.teamId, bot_id: this.botId };
    if (!channel && CHANNEL_METHODS.has(method)) return { ok: false, error: 'channel_not_found' };
    switch (method) {
      case 'auth.test': {
        const url = `https://${this.teamId.toLowerCase()}.slack.com/`;
        return { ok: true, url, team: this.team, user: 'zhiban', user_id: this.botUserId, ...bot };
      }
      case 'chat.postMessage':
        // A user id as the channel posts in the app's direct conversation with them, as Slack does,
        // and the answer names that conversation (`D…`), where the message is edited later.
        return this.messages.post(this.conversationOf(channel!), body);
      case 'chat.update':
        return this.messages.update(channel!, body);
      case 'conversations.history':
      case 'conversations.replies':
        return this.messages.history(method, channel!, body);
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'files.getUploadURLExternal':
      case 'files.completeUploadExternal':
        // As Slack does, without the scope the app asked for.
        if (!this.messages.scopes.has('files:write'))
          return { ok: false, error: 'missing_scope', needed: 'files:write' };
        return method === 'files.getUploadURLExternal' ? this.files.getUploadURL(body) : this.files.complete(body);
      case 'views.open':
      case 'views.push':
      case 'views.update': {
        const view = (typeof body.view === 'object' && body.view !== null ? body.view : {}) as Json;
        const id = str(body.view_id) ?? `V${String(++this.idCounter).padStart(8, '0')}`;
        return { ok: true, view: { id, ...bot, app_id: FAKE_APP_ID, hash: `h${id}`, state: { values: {} }, ...view } };
      }
      case 'users.info': {
        const id = str(body.user) ?? '';
        const defaults = { name: id.toLowerCase(), real_name: id, tz: 'Asia/Shanghai', is_bot: false };
        const { locale = this.defaultLocale, ...user } = { ...defaults, ...this.users.get(id), id };
        // Slack only includes the locale when explicitly asked for it.
        const wantsLocale = body.include_locale === true || body.include_locale === 'true';
        const profile = { real_name: user.real_name };
        return { ok: true, user: { ...user, team_id: this.teamId, profile, ...(wantsLocale ? { locale } : {}) } };
      }
      case 'conversations.open': {
        // A person's direct conversation with the bot: one per user, `D` + their id.
        const user = str(body.users)?.split(',')[0]?.trim();
        if (!user) return { ok: false, error: 'users_not_found' };
        return { ok: true, channel: { id: `D${user}` } };
      }
      case 'conversations.info': {
        const info = { id: channel, name: channel?.toLowerCase(), is_channel: true, is_private: false };
        return { ok: true, channel: { ...info, is_member: true, ...this.channels.get(channel ?? '') } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}
