// A stand-in for Feishu's Open API and long connection on 127.0.0.1, so tests drive the real SDK
// (`@larksuiteoapi/node-sdk`'s Client and WSClient, `domain` pointed here): the token route, the
// bot's info, /callback/ws/endpoint and its websocket (fake-feishu-gateway.ts), message
// create/reply/patch and image upload, each call recorded so tests read what was posted.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeFeishuGateway, clientConfig, type EventAnswer } from './fake-feishu-gateway.js';
import {
  fail,
  isFilePart,
  messageData,
  ok,
  parseBody,
  readBody,
  readCard,
  uuidOf,
  type FilePart,
} from './fake-feishu-http.js';
import { FakeFeishuMessages, type FakeMessage } from './fake-feishu-messages.js';

export type { EventAnswer } from './fake-feishu-gateway.js';
export { FakeFeishuMessages } from './fake-feishu-messages.js';
export type { FakeMessage } from './fake-feishu-messages.js';

type Json = Record<string, unknown>;

/** `cli_` and 16 hex digits: the SDK's WSClient starts for no other shape. */
export const FEISHU_APP_ID = 'cli_a1b2c3d4e5f60718';
export const FEISHU_APP_SECRET = 'fake-feishu-app-secret-0123456789';
export const BOT_OPEN_ID = 'ou_b0700000000000000000000000000001';

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Json;
  status: number;
  response: Json;
}

export interface InjectedFailure {
  status: number;
  body: Json;
  headers?: Record<string, string>;
  /** The call is carried out first, and only its answer is the failure (an answer lost on the way back). */
  afterServing?: boolean;
}

export interface FakeFeishuOptions {
  appId?: string;
  appSecret?: string;
}

export class FakeFeishu {
  readonly gateway = new FakeFeishuGateway();
  readonly messages = new FakeFeishuMessages();
  readonly calls: RecordedCall[] = [];
  /** Uploaded images and files by key, with the name their multipart part carried. */
  readonly files = new Map<string, { name: string; bytes: Buffer }>();
  private readonly tokens = new Set<string>();
  private readonly failures: Array<{
    method: string;
    path: RegExp;
    failure: InjectedFailure;
    matches: (call: RecordedCall) => boolean;
  }> = [];
  private readonly server: Server;
  private port = 0;

  private constructor(
    readonly appId: string,
    private readonly appSecret: string,
  ) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 1, msg: String(error) }));
      });
    });
    this.server.on('upgrade', (req, socket, head) => this.gateway.handleUpgrade(req, socket, head));
  }

  static async start(options: FakeFeishuOptions = {}): Promise<FakeFeishu> {
    const fake = new FakeFeishu(options.appId ?? FEISHU_APP_ID, options.appSecret ?? FEISHU_APP_SECRET);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** What FEISHU_DOMAIN is set to. */
  get domain(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The next call matching `method`, `path` (and `matches`, if given) is answered with `failure` instead. */
  failNext(
    method: string,
    path: RegExp,
    failure: InjectedFailure,
    matches: (call: RecordedCall) => boolean = () => true,
  ): void {
    this.failures.push({ method, path, failure, matches });
  }

  callsTo(method: string, path: RegExp): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  /** Pushes an event over the long connection; resolves with the client's answer. */
  push(
    eventType: string,
    event: unknown,
    options: { eventId?: string; timeoutMs?: number } = {},
  ): Promise<EventAnswer> {
    return this.gateway.push(eventType, event, options);
  }

  /**
   * A person's text message, as im.message.receive_v1 brings it: in a group (`chatId` `oc_…`) it
   * mentions the bot first, as `@值班 …` (unless `mentionBot` is false); without `chatId` it is in
   * their chat with the bot. People named in `text` as `<at:ou_…>` become mentions (`@_user_N`).
   */
  async say(input: { userId: string; text: string; chatId?: string; mentionBot?: boolean; eventId?: string }) {
    const chatId = input.chatId ?? FakeFeishuMessages.p2pChatOf(input.userId);
    const group = input.chatId !== undefined;
    const mentions: Array<{ key: string; id: { open_id: string }; name: string; tenant_key: string }> = [];
    const mention = (openId: string, name: string) => {
      const key = `@_user_${mentions.length + 1}`;
      mentions.push({ key, id: { open_id: openId }, name, tenant_key: 'tenant_fake' });
      return key;
    };
    const lead = group && input.mentionBot !== false ? `${mention(BOT_OPEN_ID, '值班')} ` : '';
    const text =
      lead + input.text.replace(/<at:(ou_[A-Za-z0-9]+)>/g, (_all, id: string) => mention(id, `user ${id.slice(-4)}`));
    const messageId = `om_${randomBytes(16).toString('hex')}`;
    this.userMessages.set(messageId, { message_id: messageId, chat_id: chatId });
    const eventId = input.eventId ?? randomBytes(16).toString('hex');
    const answer = await this.push(
      'im.message.receive_v1',
      {
        sender: { sender_id: { open_id: input.userId }, sender_type: 'user', tenant_key: 'tenant_fake' },
        message: {
          message_id: messageId,
          chat_id: chatId,
          chat_type: group ? 'group' : 'p2p',
          message_type: 'text',
          content: JSON.stringify({ text }),
          create_time: String(Date.now()),
          ...(mentions.length ? { mentions } : {}),
        },
      },
      { eventId },
    );
    return { messageId, eventId, answer };
  }

  /**
   * A click on a button of `messageId` carrying `value` (a form's submit button: with `formValue`),
   * as card.action.trigger brings it. The card the answer carries replaces the message's, as
   * Feishu shows it.
   */
  async click(input: { userId: string; messageId: string; value: unknown; formValue?: Json; eventId?: string }) {
    const message = this.messages.get(input.messageId);
    const eventId = input.eventId ?? randomBytes(16).toString('hex');
    const answer = await this.push(
      'card.action.trigger',
      {
        operator: { open_id: input.userId, tenant_key: 'tenant_fake' },
        token: `c-${randomBytes(8).toString('hex')}`,
        action: {
          value: input.value,
          tag: 'button',
          ...(input.formValue ? { name: 'submit', form_value: input.formValue } : {}),
        },
        host: 'im_message',
        context: { open_message_id: input.messageId, open_chat_id: message?.chat_id ?? '' },
      },
      { eventId },
    );
    const card = (answer.data as { card?: { type?: string; data?: Json } } | undefined)?.card;
    if (message && card?.type === 'raw' && card.data) message.versions.push(card.data);
    return { eventId, answer };
  }

  /** The card `message` shows now. */
  static cardOf(message: FakeMessage): Json {
    return message.versions.at(-1)!;
  }

  async stop(): Promise<void> {
    await this.gateway.stop();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.domain);
    const raw = await readBody(req);
    const body = parseBody(raw, req.headers['content-type'] ?? '');
    const call: RecordedCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: await body,
      status: 200,
      response: {},
    };
    const failing = this.failures.findIndex(
      (f) => f.method === call.method && f.path.test(call.path) && f.matches(call),
    );
    let answer: { status: number; body: Json; headers?: Record<string, string> };
    if (failing >= 0) {
      const { failure } = this.failures.splice(failing, 1)[0]!;
      if (failure.afterServing) await this.route(call, req);
      answer = failure;
    } else {
      answer = await this.route(call, req);
    }
    call.status = answer.status;
    call.response = answer.body;
    this.calls.push(call);
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  }

  private async route(call: RecordedCall, req: IncomingMessage): Promise<{ status: number; body: Json }> {
    const { method, path, body } = call;
    if (method === 'POST' && path === '/open-apis/auth/v3/tenant_access_token/internal') {
      if (body.app_id !== this.appId || body.app_secret !== this.appSecret)
        return fail(400, 10014, 'app secret invalid');
      const token = `t-${randomBytes(12).toString('hex')}`;
      this.tokens.add(token);
      return ok({ tenant_access_token: token, expire: 7200 }, false);
    }
    if (method === 'POST' && path === '/callback/ws/endpoint') {
      if (body.AppID !== this.appId || body.AppSecret !== this.appSecret) return fail(200, 403, 'forbidden');
      const URL = `ws://127.0.0.1:${this.port}/ws?device_id=dev_${randomBytes(4).toString('hex')}&service_id=7`;
      return ok({ data: { URL, ClientConfig: clientConfig() } }, false);
    }
    const auth = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    if (!auth || !this.tokens.has(auth)) return fail(401, 99991663, 'invalid tenant access token');
    if (method === 'GET' && path === '/open-apis/bot/v3/info') {
      return ok({ bot: { open_id: BOT_OPEN_ID, app_name: '值班', activate_status: 2 } }, false);
    }
    if (method === 'POST' && path === '/open-apis/im/v1/images') {
      const image = body.image as FilePart | undefined;
      if (body.image_type !== 'message' || !isFilePart(image) || image.bytes.length === 0) {
        return fail(400, 234001, 'invalid image');
      }
      const key = `img_v3_${randomBytes(8).toString('hex')}`;
      this.files.set(key, image);
      return ok({ data: { image_key: key } });
    }
    if (method === 'POST' && path === '/open-apis/im/v1/files') {
      const file = body.file as FilePart | undefined;
      if (typeof body.file_type !== 'string' || typeof body.file_name !== 'string' || !isFilePart(file)) {
        return fail(400, 234001, 'invalid file');
      }
      const key = `file_v3_${randomBytes(8).toString('hex')}`;
      this.files.set(key, { name: body.file_name, bytes: file.bytes });
      return ok({ data: { file_key: key } });
    }
    if (method === 'POST' && path === '/open-apis/im/v1/messages') return this.create(call);
    const reply = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(path);
    if (method === 'POST' && reply) return this.reply(decodeURIComponent(reply[1]!), body);
    const patch = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(path);
    if (method === 'PATCH' && patch) {
      const message = this.messages.get(decodeURIComponent(patch[1]!));
      if (!message) return fail(400, 230001, 'message not found');
      // A patch carries only `content`, and only a card can be patched.
      if (message.file) return fail(400, 230001, 'only a card can be updated');
      const card = readCard({ ...body, msg_type: 'interactive' });
      if ('error' in card) return card.error;
      message.versions.push(card.card);
      return ok({});
    }
    return fail(404, 404, `no route ${method} ${path}`);
  }

  private create(call: RecordedCall): { status: number; body: Json } {
    const type = call.query.receive_id_type;
    const to = String(call.body.receive_id ?? '');
    if (type !== 'chat_id' && type !== 'open_id') return fail(400, 99992402, 'receive_id_type invalid');
    if (type === 'open_id' && !/^ou_/.test(to)) return fail(400, 230001, 'invalid open_id');
    if (type === 'chat_id' && !/^oc_/.test(to)) return fail(400, 230001, 'invalid chat_id');
    const card = this.readContent(call.body);
    if ('error' in card) return card.error;
    const chatId = type === 'open_id' ? FakeFeishuMessages.p2pChatOf(to) : to;
    const { message } = this.messages.send({
      chatId,
      ...card,
      ...uuidOf(call.body),
      ...(type === 'open_id' ? { toUser: to } : {}),
    });
    return ok({ data: messageData(message) });
  }

  private reply(parentId: string, body: Json): { status: number; body: Json } {
    const parent = this.messages.get(parentId) ?? this.userMessages.get(parentId);
    if (!parent) return fail(400, 230011, 'the message was withdrawn');
    const card = this.readContent(body);
    if ('error' in card) return card.error;
    const { message } = this.messages.send({
      chatId: parent.chat_id,
      ...card,
      parent,
      inThread: body.reply_in_thread === true,
      ...uuidOf(body),
    });
    return ok({ data: messageData(message) });
  }

  /** A message's content: a card, or a file uploaded before (msg_type `file`). */
  private readContent(body: Json): { card: Json; file?: string } | { error: { status: number; body: Json } } {
    if (body.msg_type !== 'file') return readCard(body);
    try {
      const content = JSON.parse(String(body.content)) as { file_key?: unknown };
      const key = typeof content.file_key === 'string' ? content.file_key : '';
      if (!this.files.has(key)) return { error: fail(400, 230001, 'file_key not found') };
      return { card: { file_key: key }, file: key };
    } catch {
      return { error: fail(400, 230001, 'content is not JSON') };
    }
  }

  /** Messages people sent (commands), by id: a reply may answer them. */
  readonly userMessages = new Map<string, { message_id: string; chat_id: string }>();
}
