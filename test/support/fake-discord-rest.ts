// The REST half of FakeDiscord: answers discord.js like Discord's v10 API does, hands every
// call to a recorder, and injects rate limits or errors on demand.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIAttachment, APIMessage, APIUser } from 'discord.js';
import { ChannelType, InteractionResponseType, InteractionType, MessageFlags, MessageType } from 'discord.js';
import { botMessage, snowflake } from './fake-discord-gateway.js';

export interface RecordedFile {
  field: string;
  name: string;
  size: number;
  contentType: string;
  /** The file's bytes, so a test can read the chart or workbook that was sent. */
  bytes: Buffer;
}

export interface RecordedCall {
  method: string;
  /**
   * The pathname, percent-decoded (discord.js sends `@original` as `%40original`),
   * e.g. `/api/v10/webhooks/1/token/messages/@original`.
   */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON, or the `payload_json` part of a multipart body; null when there was none. */
  body: unknown;
  files: RecordedFile[];
  /** The status the fake answered with, so retried (429/5xx) attempts can be told apart. */
  status: number;
  at: number;
}

export interface KnownInteraction {
  id: string;
  token: string;
  type: InteractionType;
  channelId: string;
  acknowledged: boolean;
  /** The message a component (or a modal opened from one) sits on; types 6 and 7 edit it. */
  message?: APIMessage;
  original?: APIMessage;
}

/** What the REST side needs from the rest of the fake. */
export interface RestWorld {
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly gatewayUrl: string;
  readonly baseUrl: string;
  channel(id: string): object | undefined;
  interaction(id: string): KnownInteraction | undefined;
  interactionByToken(token: string): KnownInteraction | undefined;
  /** Called once the answer is on the wire, so a waiting test never races the response. */
  answered(call: RecordedCall): void;
  /** How long an enforced nonce is remembered (Discord: "the past few minutes"). */
  readonly nonceWindowMs: number;
}

/**
 * What to answer instead of serving the request. `afterServing`: the request is served (a message
 * created) and only then answered with the failure, as when the answer is lost on its way back.
 */
export type InjectedFailure = (
  { status: 429; retryAfterSeconds: number; global?: boolean } | { status: number; code?: number; message?: string }
) & { afterServing?: boolean };

/** Discord's limit on a nonce (Create Message: "up to 25 characters"). */
const MAX_NONCE = 25;

type Body = Record<string, unknown>;
interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
interface RouteRequest {
  params: string[];
  method: string;
  body: Body;
  rawBody: unknown;
  query: URLSearchParams;
  files: RecordedFile[];
}
type Route = (req: RouteRequest) => Answer;

const API_PREFIX = '/api/v10';

/** A thread opened from a message: a channel of its own, with the message's id. */
export interface FakeThread {
  id: string;
  type: ChannelType.PublicThread;
  guild_id: string | undefined;
  parent_id: string;
  name: string;
  auto_archive_duration: number | undefined;
}

/** A direct conversation between the bot and one person (Discord's DM channel, type 1). */
export interface FakeDirectChannel {
  id: string;
  type: ChannelType.DM;
  last_message_id: string | null;
  flags: 0;
  recipients: APIUser[];
}

export class FakeRest {
  readonly messages = new Map<string, APIMessage>();
  readonly threads = new Map<string, FakeThread>();
  /** The bot's direct conversations, by the person's user id. */
  readonly directs = new Map<string, FakeDirectChannel>();
  /** Ids of the messages posted with POST /channels/:id/messages (not interaction replies), oldest first. */
  readonly posted: string[] = [];
  private readonly failures: Array<{ method: string; path: RegExp; failure: InjectedFailure }> = [];
  /** Standing faults (issue 18's scenario 4): every n-th matching call fails, or matching calls hang first. */
  private readonly everyNth: Array<{
    method: string;
    path: RegExp;
    every: number;
    failure: InjectedFailure;
    seen: number;
  }> = [];
  private readonly hangs: Array<{ method: string; path: RegExp; ms: number }> = [];
  private hanging = 0;
  /** How many messages were created with each nonce (a repeat the nonce caught creates none). */
  readonly createdByNonce = new Map<string, number>();
  /** `author:nonce` → the message first created with it, and when. */
  private readonly nonces = new Map<string, { messageId: string; at: number }>();
  private readonly commands = new Map<string, unknown[]>();
  private readonly routes: Array<[string, RegExp, Route]> = [
    ['GET', /^\/gateway\/bot$/, () => ok(this.gatewayBot())],
    ['GET', /^\/gateway$/, () => ok({ url: this.world.gatewayUrl })],
    ['GET', /^\/users\/@me$/, () => ok(this.world.botUser)],
    ['POST', /^\/users\/@me\/channels$/, (r) => this.openDirect(r)],
    ['GET', /^\/applications\/@me$/, () => ok({ id: this.world.applicationId, name: 'zhiban', flags: 0 })],
    ['POST', /^\/interactions\/(\d+)\/([^/]+)\/callback$/, (r) => this.callback(r)],
    ['POST', /^\/webhooks\/(\d+)\/([^/]+)$/, (r) => this.followUp(r)],
    ['GET|PATCH|DELETE', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/, (r) => this.webhookMessage(r)],
    ['GET', /^\/channels\/(\d+)$/, (r) => this.getChannel(r)],
    ['POST', /^\/channels\/(\d+)\/messages$/, (r) => this.postToChannel(r)],
    ['POST', /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/, (r) => this.startThread(r)],
    ['GET|PATCH|DELETE', /^\/channels\/(\d+)\/messages\/(\d+)$/, (r) => this.channelMessage(r)],
    ['GET|PUT', /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/, (r) => this.commandsRoute(r)],
  ];

  constructor(private readonly world: RestWorld) {}

  failNext(method: string, path: RegExp, failure: InjectedFailure): void {
    this.failures.push({ method: method.toUpperCase(), path, failure });
  }

  /** Until clearFaults(), every `every`-th matching call is answered with `failure` (failNext's go first). */
  failEvery(method: string, path: RegExp, every: number, failure: InjectedFailure): void {
    this.everyNth.push({ method: method.toUpperCase(), path, every, failure, seen: 0 });
  }

  /** The next matching call is answered only after `ms`, then served as usual. */
  hangNext(method: string, path: RegExp, ms: number): void {
    this.hangs.push({ method: method.toUpperCase(), path, ms });
  }

  /** Calls hangNext asked for that are not answered yet (not yet come, or still held). */
  get hangsLeft(): number {
    return this.hangs.length + this.hanging;
  }

  clearFaults(): void {
    this.everyNth.length = 0;
    this.hangs.length = 0;
  }

  /** Commands last registered with PUT, per scope (`'global'` or a guild id). */
  registeredCommands(scope = 'global'): unknown[] {
    return this.commands.get(scope) ?? [];
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', this.world.baseUrl);
    const path = decodeURIComponent(url.pathname);
    const method = (req.method ?? 'GET').toUpperCase();
    const { body, files } = await readBody(req);
    const hang = this.hangs.findIndex((h) => h.method === method && h.path.test(path));
    if (hang >= 0) {
      const { ms } = this.hangs.splice(hang, 1)[0]!;
      this.hanging++;
      await new Promise((resolve) => setTimeout(resolve, ms));
      this.hanging--;
    }
    const answer = this.answer(method, path, url.searchParams, body, files);
    const query = Object.fromEntries(url.searchParams);
    const call: RecordedCall = { method, path, query, body, files, status: answer.status, at };
    const payload = answer.body === undefined ? '' : JSON.stringify(answer.body);
    res.writeHead(answer.status, { ...(payload ? { 'content-type': 'application/json' } : {}), ...answer.headers });
    res.end(payload, () => this.world.answered(call));
  }

  private answer(
    method: string,
    path: string,
    query: URLSearchParams,
    rawBody: unknown,
    files: RecordedFile[],
  ): Answer {
    const index = this.failures.findIndex((f) => f.method === method && f.path.test(path));
    if (index >= 0) {
      const { failure } = this.failures.splice(index, 1)[0]!;
      if (failure.afterServing) this.serve(method, path, query, rawBody, files);
      return failureAnswer(failure);
    }
    const rule = this.everyNth.find((f) => f.method === method && f.path.test(path));
    if (rule && ++rule.seen % rule.every === 0) return failureAnswer(rule.failure);
    return this.serve(method, path, query, rawBody, files);
  }

  private serve(method: string, path: string, query: URLSearchParams, rawBody: unknown, files: RecordedFile[]): Answer {
    if (!path.startsWith(`${API_PREFIX}/`)) return notFound(0, '404: Not Found');
    const route = path.slice(API_PREFIX.length);
    for (const [methods, pattern, handler] of this.routes) {
      const match = pattern.exec(route);
      if (!match || !methods.split('|').includes(method)) continue;
      const params = match.slice(1) as string[];
      return handler({ params, method, body: asRecord(rawBody), rawBody, query, files });
    }
    return notFound(0, '404: Not Found');
  }

  private gatewayBot(): object {
    return {
      url: this.world.gatewayUrl,
      shards: 1,
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
    };
  }

  private callback({ params: [id, token], body, query }: RouteRequest): Answer {
    const ix = this.world.interaction(id!);
    if (!ix || ix.token !== token) return notFound(10062, 'Unknown interaction');
    if (ix.acknowledged) {
      return { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } };
    }
    const type = body['type'] as InteractionResponseType;
    const data = asRecord(body['data']);
    const replyType =
      ix.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default;
    if (type === InteractionResponseType.ChannelMessageWithSource) {
      ix.original = this.newMessage(ix.channelId, data, [], replyType);
    } else if (type === InteractionResponseType.DeferredChannelMessageWithSource) {
      const flags = (Number(data['flags'] ?? 0) & MessageFlags.Ephemeral) | MessageFlags.Loading;
      ix.original = this.newMessage(ix.channelId, { flags }, [], replyType);
    } else if (
      type === InteractionResponseType.UpdateMessage ||
      type === InteractionResponseType.DeferredMessageUpdate
    ) {
      // Discord refuses to update when the interaction did not come from a message.
      if (!ix.message) return { status: 400, body: { message: 'Invalid Form Body', code: 50035 } };
      if (type === InteractionResponseType.UpdateMessage) ix.message = this.edit(ix.message, data, []);
      ix.original = ix.message;
    }
    ix.acknowledged = true;
    if (query.get('with_response') !== 'true') return { status: 204 };
    return ok(callbackResponse(ix, type));
  }

  private followUp({ params: [appId, token], body, files }: RouteRequest): Answer {
    const ix = this.webhookInteraction(appId!, token!);
    if (!ix) return notFound(10015, 'Unknown Webhook');
    return ok(this.newMessage(ix.channelId, body, files));
  }

  private webhookMessage({ params: [appId, token, mid], method, body, files }: RouteRequest): Answer {
    const ix = this.webhookInteraction(appId!, token!);
    if (!ix) return notFound(10015, 'Unknown Webhook');
    const message = mid === '@original' ? ix.original : this.messages.get(mid!);
    if (!message) return notFound(10008, 'Unknown Message');
    if (method === 'GET') return ok(message);
    if (method === 'DELETE') {
      if (mid === '@original') delete ix.original;
      return this.remove(message.id);
    }
    const edited = this.edit(message, body, files);
    if (mid === '@original') ix.original = edited;
    return ok(edited);
  }

  /** The direct conversation whose channel id is `id`, if it is one. */
  directById(id: string): FakeDirectChannel | undefined {
    return [...this.directs.values()].find((direct) => direct.id === id);
  }

  /**
   * Create DM: the bot's direct conversation with `recipient_id`, opened the first time and the same
   * channel every time after, as Discord answers it.
   */
  private openDirect({ body }: RouteRequest): Answer {
    const recipient = body['recipient_id'];
    if (typeof recipient !== 'string' || !/^\d{5,25}$/.test(recipient)) {
      return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { recipient_id: {} } } };
    }
    let direct = this.directs.get(recipient);
    if (!direct) {
      const person: APIUser = {
        id: recipient,
        username: `user${recipient.slice(-4)}`,
        discriminator: '0',
        global_name: null,
        avatar: null,
      };
      direct = { id: snowflake(), type: ChannelType.DM, last_message_id: null, flags: 0, recipients: [person] };
      this.directs.set(recipient, direct);
    }
    return ok(direct);
  }

  private getChannel({ params: [id] }: RouteRequest): Answer {
    const channel = this.world.channel(id!) ?? this.threads.get(id!) ?? this.directById(id!);
    return channel ? ok(channel) : notFound(10003, 'Unknown Channel');
  }

  /**
   * Create Message. With `nonce` and `enforce_nonce: true`, a second create by the same author with
   * the same nonce within the window answers with the first message and creates none (Discord's API
   * reference); without `enforce_nonce` the nonce is only echoed.
   */
  private postToChannel({ params: [channelId], body, files }: RouteRequest): Answer {
    if (!this.world.channel(channelId!) && !this.threads.has(channelId!) && !this.directById(channelId!)) {
      return notFound(10003, 'Unknown Channel');
    }
    const { nonce } = body;
    const validNonce = (typeof nonce === 'string' && nonce.length <= MAX_NONCE) || Number.isSafeInteger(nonce);
    if (nonce !== undefined && !validNonce) {
      return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { nonce: {} } } };
    }
    const enforced = nonce !== undefined && body['enforce_nonce'] === true;
    const nonceKey = `${this.world.botUser.id}:${String(nonce)}`;
    if (enforced) {
      const seen = this.nonces.get(nonceKey);
      const first =
        seen && Date.now() - seen.at < this.world.nonceWindowMs ? this.messages.get(seen.messageId) : undefined;
      if (first) return ok({ ...first, nonce });
    }
    const message = this.newMessage(channelId!, body, files);
    this.posted.push(message.id);
    if (nonce !== undefined) this.createdByNonce.set(String(nonce), (this.createdByNonce.get(String(nonce)) ?? 0) + 1);
    if (enforced) this.nonces.set(nonceKey, { messageId: message.id, at: Date.now() });
    return ok(nonce === undefined ? message : { ...message, nonce });
  }

  private startThread({ params: [channelId, messageId], body }: RouteRequest): Answer {
    const parent = this.world.channel(channelId!) as { guild_id?: string } | undefined;
    if (!parent) return notFound(10003, 'Unknown Channel');
    const message = this.messages.get(messageId!);
    if (!message || message.channel_id !== channelId) return notFound(10008, 'Unknown Message');
    if (this.threads.has(messageId!)) {
      return { status: 400, body: { message: 'A thread has already been created for this message', code: 160004 } };
    }
    const thread: FakeThread = {
      id: messageId!,
      type: ChannelType.PublicThread,
      guild_id: parent.guild_id,
      parent_id: channelId!,
      name: typeof body['name'] === 'string' ? body['name'] : '',
      auto_archive_duration:
        typeof body['auto_archive_duration'] === 'number' ? body['auto_archive_duration'] : undefined,
    };
    this.threads.set(thread.id, thread);
    return { status: 201, body: thread };
  }

  private channelMessage({ params: [channelId, mid], method, body, files }: RouteRequest): Answer {
    const message = this.messages.get(mid!);
    if (!message || message.channel_id !== channelId) return notFound(10008, 'Unknown Message');
    if (method === 'GET') return ok(message);
    if (method === 'DELETE') return this.remove(message.id);
    return ok(this.edit(message, body, files));
  }

  private commandsRoute({ params: [appId, guildId], method, rawBody }: RouteRequest): Answer {
    if (appId !== this.world.applicationId) return { status: 403, body: { message: 'Missing Access', code: 50001 } };
    const scope = guildId ?? 'global';
    if (method === 'GET') return ok(this.registeredCommands(scope));
    const list = (Array.isArray(rawBody) ? rawBody : []) as Body[];
    const saved = list.map((command) => ({
      ...command,
      id: snowflake(),
      application_id: appId,
      version: snowflake(),
      type: command['type'] ?? 1,
      default_member_permissions: command['default_member_permissions'] ?? null,
      ...(guildId ? { guild_id: guildId } : {}),
    }));
    this.commands.set(scope, saved);
    return ok(saved);
  }

  private webhookInteraction(appId: string, token: string): KnownInteraction | undefined {
    return appId === this.world.applicationId ? this.world.interactionByToken(token) : undefined;
  }

  private newMessage(channelId: string, body: Body, files: RecordedFile[], type = MessageType.Default): APIMessage {
    return this.store(botMessage(this.world.botUser, channelId, body, type, attachmentsFor(this.world, files)));
  }

  store(message: APIMessage): APIMessage {
    this.messages.set(message.id, message);
    return message;
  }

  private remove(id: string): Answer {
    this.messages.delete(id);
    return { status: 204 };
  }

  private edit(message: APIMessage, body: Body, files: RecordedFile[]): APIMessage {
    const wasLoading = ((message.flags ?? 0) & MessageFlags.Loading) !== 0;
    const edited: APIMessage = {
      ...message,
      ...pick(body, ['content', 'embeds', 'components']),
      flags: (message.flags ?? 0) & ~MessageFlags.Loading,
      // Filling in a deferred reply is not an edit in Discord's eyes.
      edited_timestamp: wasLoading ? null : new Date().toISOString(),
    };
    if (files.length > 0) edited.attachments = attachmentsFor(this.world, files);
    return this.store(edited);
  }
}

function attachmentsFor(world: RestWorld, files: RecordedFile[]): APIAttachment[] {
  return files.map((file) => {
    const id = snowflake();
    const url = `${world.baseUrl}/attachments/${id}/${encodeURIComponent(file.name)}`;
    return { id, filename: file.name, size: file.size, content_type: file.contentType, url, proxy_url: url };
  });
}

function callbackResponse(ix: KnownInteraction, type: InteractionResponseType): object {
  const message = ix.original;
  const withMessage = message !== undefined && type !== InteractionResponseType.Modal;
  return {
    interaction: {
      id: ix.id,
      type: ix.type,
      ...(withMessage
        ? {
            response_message_id: message.id,
            response_message_loading: ((message.flags ?? 0) & MessageFlags.Loading) !== 0,
            response_message_ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
          }
        : {}),
    },
    resource: { type, ...(withMessage ? { message } : {}) },
  };
}

function failureAnswer(failure: InjectedFailure): Answer {
  if (failure.status !== 429 || !('retryAfterSeconds' in failure)) {
    const { status } = failure;
    const code = 'code' in failure ? (failure.code ?? 0) : 0;
    const message = 'message' in failure && failure.message ? failure.message : `${status}: injected by FakeDiscord`;
    return { status, body: { message, code } };
  }
  const { retryAfterSeconds: after, global = false } = failure;
  const headers: Record<string, string> = {
    'retry-after': String(after),
    'x-ratelimit-scope': global ? 'global' : 'user',
    ...(global
      ? { 'x-ratelimit-global': 'true' }
      : {
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Date.now() / 1000 + after),
          'x-ratelimit-reset-after': String(after),
          'x-ratelimit-bucket': 'fake-discord-bucket',
        }),
  };
  return { status: 429, headers, body: { message: 'You are being rate limited.', retry_after: after, global } };
}

async function readBody(req: IncomingMessage): Promise<{ body: unknown; files: RecordedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: null, files: [] };
  if (!type.startsWith('multipart/form-data')) return { body: parseJson(raw.toString('utf8')), files: [] };
  // discord.js switches to multipart only when files are attached; the JSON rides in payload_json.
  const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
  const files: RecordedFile[] = [];
  let body: unknown = null;
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = parseJson(value);
    } else {
      const bytes = Buffer.from(await value.arrayBuffer());
      files.push({ field, name: value.name, size: value.size, contentType: value.type, bytes });
    }
  }
  return { body, files };
}

/** A body that is not JSON is kept as text, so the test can still see what was sent. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const ok = (body: unknown): Answer => ({ status: 200, body });
const notFound = (code: number, message: string): Answer => ({ status: 404, body: { message, code } });

function asRecord(value: unknown): Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : {};
}

function pick(body: Body, keys: string[]): Body {
  return Object.fromEntries(keys.filter((key) => key in body).map((key) => [key, body[key]]));
}
