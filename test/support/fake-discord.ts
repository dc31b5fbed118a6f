// A stand-in for Discord's REST API and gateway on 127.0.0.1, so tests drive the real discord.js
// client: `new Client({ intents, rest: { api: fake.apiUrl } })`. Destroy the client before stop().
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  APIApplicationCommandInteractionDataOption,
  APIInteractionDataResolved,
  APIMessage,
  APIRole,
  APIUser,
} from 'discord.js';
import { ComponentType, InteractionType, Locale } from 'discord.js';
import {
  FakeGateway,
  botMessage,
  guildCreatePayload,
  member,
  role,
  snowflake,
  textChannel,
  type GatewayFrame,
} from './fake-discord-gateway.js';
import {
  FakeRest,
  type FakeThread,
  type InjectedFailure,
  type KnownInteraction,
  type RecordedCall,
} from './fake-discord-rest.js';

export type { GatewayFrame } from './fake-discord-gateway.js';
export type { FakeThread, InjectedFailure, RecordedCall, RecordedFile } from './fake-discord-rest.js';

export interface FakeDiscordOptions {
  applicationId?: string;
  /** Defaults to the application id, as it is for bots created today. */
  botUserId?: string;
  guildId?: string;
  /** Text channels of the guild; interactions happen in the first unless told otherwise. */
  channelIds?: string[];
  guildLocale?: Locale;
  /** Gateway heartbeat; lower it to exercise heartbeats in a short test. */
  heartbeatIntervalMs?: number;
  /**
   * How long Create Message remembers an enforced nonce. Discord says "the past few minutes"; the
   * fake keeps two by default, the least that can mean.
   */
  nonceWindowMs?: number;
}

/** Who acts in an interaction, and where. */
export interface Actor {
  userId?: string;
  username?: string;
  /** The user's client language, e.g. 'zh-CN'; the guild's stays `guildLocale`. */
  locale?: string;
  channelId?: string;
  /** Role ids the member holds; unknown ones are created in the guild first (GUILD_ROLE_CREATE). */
  memberRoles?: string[];
  /** The member's computed permissions in the channel, as Discord's bitfield string. */
  permissions?: string;
}

export interface CommandInput extends Actor {
  name: string;
  options?: APIApplicationCommandInteractionDataOption[];
  resolved?: APIInteractionDataResolved;
}

export interface ButtonInput extends Actor {
  customId: string;
  /** The message the button sits on; by default a bot message carrying just that button. */
  message?: APIMessage;
}

export interface ModalSubmitInput extends Actor {
  customId: string;
  fields: Record<string, string>;
  /** Set when the modal was opened from a component on this message. */
  message?: APIMessage;
}

export interface SentInteraction {
  id: string;
  token: string;
}

export interface WaitOptions {
  timeoutMs?: number;
}

export interface WaitForCallOptions extends WaitOptions {
  predicate?: (call: RecordedCall) => boolean;
  /** Only calls at or after this index of `calls` count; pass `calls.length` to skip older ones. */
  since?: number;
}

interface CallWaiter {
  matches: (call: RecordedCall) => boolean;
  resolve: (call: RecordedCall) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const DEFAULT_TIMEOUT_MS = 5000;
const ALL_PERMISSIONS = '2251799813685247';

export class FakeDiscord {
  readonly applicationId: string;
  readonly botUserId: string;
  readonly guildId: string;
  readonly channelIds: readonly string[];
  readonly botUser: APIUser;
  private readonly calls_: RecordedCall[] = [];
  private callWaiters: CallWaiter[] = [];
  private readonly interactions = new Map<string, KnownInteraction>();
  private readonly roles: APIRole[];
  private readonly guildLocale: Locale;
  private readonly joinedAt = new Date().toISOString();
  private readonly server: Server;
  private readonly rest: FakeRest;
  private readonly gateway: FakeGateway;
  private port = 0;

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await fake.listen();
    return fake;
  }

  constructor(options: FakeDiscordOptions = {}) {
    this.applicationId = options.applicationId ?? '100000000000000001';
    this.botUserId = options.botUserId ?? this.applicationId;
    this.guildId = options.guildId ?? '200000000000000001';
    this.channelIds = options.channelIds ?? ['300000000000000001'];
    this.guildLocale = options.guildLocale ?? Locale.EnglishUS;
    this.botUser = user(this.botUserId, 'zhiban', true);
    // The @everyone role shares the guild's id.
    this.roles = [role(this.guildId, '@everyone', 0, '1071698660929')];
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getter below must read this instance later
    const fake = this;
    this.rest = new FakeRest({
      applicationId: this.applicationId,
      botUser: this.botUser,
      get gatewayUrl() {
        return fake.gatewayUrl;
      },
      get baseUrl() {
        return `http://127.0.0.1:${fake.port}`;
      },
      channel: (id) => (this.channelIds.includes(id) ? this.channel(id) : undefined),
      interaction: (id) => this.interactions.get(id),
      interactionByToken: (token) => [...this.interactions.values()].find((ix) => ix.token === token),
      answered: (call) => this.answered(call),
      nonceWindowMs: options.nonceWindowMs ?? 2 * 60_000,
    });
    this.gateway = new FakeGateway({
      applicationId: this.applicationId,
      botUser: this.botUser,
      get gatewayUrl() {
        return fake.gatewayUrl;
      },
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41250,
      guildCreate: () =>
        guildCreatePayload({
          id: this.guildId,
          name: 'Zhiban test guild',
          ownerId: '400000000000000099',
          locale: this.guildLocale,
          joinedAt: this.joinedAt,
          botUser: this.botUser,
          channelIds: this.channelIds,
          roles: this.roles,
        }),
    });
    this.server = createServer((req, res) => {
      this.rest.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `FakeDiscord failed: ${String(error)}`, code: 0 }));
      });
    });
    this.server.on('upgrade', (req, socket, head) => this.gateway.upgrade(req, socket, head));
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.requirePort()}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.requirePort()}`;
  }

  /** Every REST call answered so far, oldest first, failed attempts included. */
  get calls(): readonly RecordedCall[] {
    return this.calls_;
  }

  /** Frames the client sent on the gateway (IDENTIFY, heartbeats, RESUME...). */
  get gatewayFrames(): readonly GatewayFrame[] {
    return this.gateway.received;
  }

  callsTo(method: string, path: RegExp): RecordedCall[] {
    return this.calls_.filter((call) => call.method === method.toUpperCase() && path.test(call.path));
  }

  waitForCall(method: string, path: RegExp, options: WaitForCallOptions = {}): Promise<RecordedCall> {
    const { predicate = () => true, since = 0, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
    const matches = (call: RecordedCall) =>
      call.method === method.toUpperCase() && path.test(call.path) && predicate(call);
    return this.waitFor(matches, since, timeoutMs, `${method.toUpperCase()} ${String(path)}`);
  }

  /** The next matching request is answered with this failure instead of being served. */
  failNext(method: string, path: RegExp, failure: InjectedFailure): void {
    this.rest.failNext(method, path, failure);
  }

  /** Until clearFaults(), every `every`-th matching request is answered with `failure`. */
  failEvery(method: string, path: RegExp, every: number, failure: InjectedFailure): void {
    this.rest.failEvery(method, path, every, failure);
  }

  /** The next matching request is answered only after `ms`, then served as usual. */
  hangNext(method: string, path: RegExp, ms: number): void {
    this.rest.hangNext(method, path, ms);
  }

  /** Calls hangNext asked for that are not answered yet (not yet come, or still held). */
  get hangsLeft(): number {
    return this.rest.hangsLeft;
  }

  clearFaults(): void {
    this.rest.clearFaults();
  }

  /** How many messages were created with each nonce, in any channel or thread (the outbox's keys). */
  postedNonces(): ReadonlyMap<string, number> {
    return this.rest.createdByNonce;
  }

  /** Resolves once a client has identified (READY and GUILD_CREATE are on their way). */
  get connected(): Promise<void> {
    return this.waitForIdentify();
  }

  waitForIdentify({ timeoutMs = 10_000 }: WaitOptions = {}): Promise<void> {
    return this.gateway.waitForIdentify(timeoutMs);
  }

  /** Sends any gateway dispatch, for events the helpers below do not cover. */
  dispatch(event: string, data: unknown): void {
    this.gateway.dispatch(event, data);
  }

  /** Drops the gateway connection with a resumable close code; discord.js reconnects and RESUMEs. */
  dropGateway(code = 4000): void {
    this.gateway.drop(code);
  }

  sendCommand(input: CommandInput): SentInteraction {
    const registered = this.rest
      .registeredCommands(this.guildId)
      .concat(this.rest.registeredCommands())
      .find((command) => (command as { name?: string }).name === input.name) as { id: string } | undefined;
    return this.sendInteraction(InteractionType.ApplicationCommand, input, {
      data: {
        id: registered?.id ?? snowflake(),
        name: input.name,
        type: 1,
        guild_id: this.guildId,
        ...(input.options ? { options: input.options } : {}),
        ...(input.resolved ? { resolved: input.resolved } : {}),
      },
    });
  }

  sendButton(input: ButtonInput): SentInteraction {
    const channelId = input.channelId ?? this.channelIds[0]!;
    const button = { type: ComponentType.Button, style: 1, label: input.customId, custom_id: input.customId };
    const components = [{ type: ComponentType.ActionRow, components: [button] }];
    const message =
      input.message ?? this.rest.store(botMessage(this.botUser, channelId, { content: 'Zhiban', components }));
    return this.sendInteraction(
      InteractionType.MessageComponent,
      { ...input, channelId },
      {
        data: { custom_id: input.customId, component_type: ComponentType.Button },
        message,
      },
    );
  }

  sendModalSubmit(input: ModalSubmitInput): SentInteraction {
    const rows = Object.entries(input.fields).map(([customId, value]) => ({
      type: ComponentType.ActionRow,
      components: [{ type: ComponentType.TextInput, custom_id: customId, value }],
    }));
    return this.sendInteraction(InteractionType.ModalSubmit, input, {
      data: { custom_id: input.customId, components: rows },
      ...(input.message ? { message: input.message } : {}),
    });
  }

  /**
   * The body of the first successful response to an interaction: its callback (`{type, data}`),
   * or a follow-up / @original edit if one comes first.
   */
  async waitForReply(interactionId: string, { timeoutMs = DEFAULT_TIMEOUT_MS }: WaitOptions = {}): Promise<unknown> {
    const ix = this.interactions.get(interactionId);
    if (!ix) throw new Error(`FakeDiscord: interaction ${interactionId} was never sent`);
    const replies = this.replyPaths(ix);
    const matches = (call: RecordedCall) => call.status < 400 && replies.has(`${call.method} ${call.path}`);
    const call = await this.waitFor(matches, 0, timeoutMs, `a reply to interaction ${interactionId}`);
    return call.body;
  }

  /** Every REST call made with this interaction's id or token, in order. */
  repliesTo(interactionId: string): RecordedCall[] {
    const ix = this.interactions.get(interactionId);
    if (!ix) return [];
    return this.calls_.filter((call) => call.path.includes(`/${ix.token}`));
  }

  /** The thread opened from message `id` (a thread has its starter message's id), if one was. */
  thread(id: string): FakeThread | undefined {
    return this.rest.threads.get(id);
  }

  /** The id of the bot's direct conversation with `userId`, once Zhiban opened it. */
  directChannelOf(userId: string): string | undefined {
    return this.rest.directs.get(userId)?.id;
  }

  /** The message as the fake holds it now (posts, replies and edits applied). */
  message(id: string): APIMessage | undefined {
    return this.rest.messages.get(id);
  }

  /**
   * What the bot posted to a channel or thread with POST /channels/:id/messages (interaction replies
   * left out), oldest first, each as it is now: edits applied, deleted ones gone.
   */
  posts(channelId: string): APIMessage[] {
    return this.rest.posted
      .map((id) => this.rest.messages.get(id))
      .filter((message): message is APIMessage => message?.channel_id === channelId);
  }

  /** What the bot said to a user in their DM channel, oldest first (none before it opened one). */
  directPosts(userId: string): APIMessage[] {
    const channel = this.rest.directs.get(userId)?.id;
    return channel ? this.posts(channel) : [];
  }

  async stop(): Promise<void> {
    for (const waiter of this.callWaiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('FakeDiscord stopped while a test was still waiting for a call'));
    }
    this.callWaiters = [];
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private sendInteraction(type: InteractionType, actor: Actor, extra: { data: object; message?: APIMessage }) {
    const id = snowflake();
    const token = `fake-ix-${randomBytes(24).toString('base64url')}`;
    const channelId = actor.channelId ?? this.channelIds[0]!;
    const roles = actor.memberRoles ?? [];
    for (const roleId of roles) this.ensureRole(roleId);
    const userId = actor.userId ?? '400000000000000001';
    const permissions = actor.permissions ?? '0';
    this.interactions.set(id, { id, token, type, channelId, acknowledged: false, message: extra.message });
    const direct = this.rest.directById(channelId);
    if (direct) {
      // In a direct conversation there is no guild and no member: the user comes on its own (context 1, BOT_DM).
      this.gateway.dispatch('INTERACTION_CREATE', {
        id,
        application_id: this.applicationId,
        type,
        token,
        version: 1,
        channel: direct,
        channel_id: channelId,
        user: user(userId, actor.username ?? 'tester'),
        app_permissions: ALL_PERMISSIONS,
        locale: actor.locale ?? Locale.EnglishUS,
        entitlements: [],
        authorizing_integration_owners: {},
        context: 1,
        attachment_size_limit: 10 * 1024 * 1024,
        ...extra,
      });
      return { id, token };
    }
    this.gateway.dispatch('INTERACTION_CREATE', {
      id,
      application_id: this.applicationId,
      type,
      token,
      version: 1,
      guild_id: this.guildId,
      guild: { id: this.guildId, locale: this.guildLocale, features: [] },
      channel: this.channel(channelId),
      channel_id: channelId,
      member: { ...member(user(userId, actor.username ?? 'tester'), roles, this.joinedAt), permissions },
      app_permissions: ALL_PERMISSIONS,
      locale: actor.locale ?? Locale.EnglishUS,
      guild_locale: this.guildLocale,
      entitlements: [],
      authorizing_integration_owners: {},
      context: 0,
      attachment_size_limit: 10 * 1024 * 1024,
      ...extra,
    });
    return { id, token };
  }

  private ensureRole(id: string): void {
    if (this.roles.some((known) => known.id === id)) return;
    const created = role(id, `role-${id.slice(-4)}`, this.roles.length);
    this.roles.push(created);
    this.gateway.dispatch('GUILD_ROLE_CREATE', { guild_id: this.guildId, role: created });
  }

  private channel(id: string) {
    return textChannel(id, this.guildId, Math.max(0, this.channelIds.indexOf(id)));
  }

  private replyPaths(ix: KnownInteraction): Set<string> {
    const webhook = `/api/v10/webhooks/${this.applicationId}/${ix.token}`;
    return new Set([
      `POST /api/v10/interactions/${ix.id}/${ix.token}/callback`,
      `POST ${webhook}`,
      `PATCH ${webhook}/messages/@original`,
    ]);
  }

  private answered(call: RecordedCall): void {
    this.calls_.push(call);
    const ready = this.callWaiters.filter((waiter) => waiter.matches(call));
    this.callWaiters = this.callWaiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) {
      clearTimeout(waiter.timer);
      waiter.resolve(call);
    }
  }

  private waitFor(matches: CallWaiter['matches'], since: number, timeoutMs: number, what: string) {
    const seen = this.calls_.slice(since).find(matches);
    if (seen) return Promise.resolve(seen);
    return new Promise<RecordedCall>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.callWaiters = this.callWaiters.filter((waiter) => waiter.timer !== timer);
        const log = this.calls_.map((c) => `  ${c.method} ${c.path} → ${c.status}`).join('\n') || '  (none)';
        reject(new Error(`FakeDiscord: no ${what} within ${timeoutMs} ms. Calls seen:\n${log}`));
      }, timeoutMs);
      timer.unref();
      this.callWaiters.push({ matches, resolve, reject, timer });
    });
  }

  private requirePort(): number {
    if (this.port === 0) throw new Error('FakeDiscord is not listening yet: use `await FakeDiscord.start()`');
    return this.port;
  }
}

function user(id: string, username: string, bot = false): APIUser {
  return {
    id,
    username,
    discriminator: '0',
    global_name: bot ? null : username,
    avatar: null,
    ...(bot ? { bot } : {}),
  };
}
