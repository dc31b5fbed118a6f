// The gateway half of FakeDiscord (HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats,
// RESUME, dispatches), plus the Discord objects that travel over it.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type {
  APIAttachment,
  APIGuildMember,
  APIMessage,
  APIRole,
  APITextChannel,
  APIUser,
  ChannelFlags,
  GatewayGuildCreateDispatchData,
  GuildMemberFlags,
  GuildSystemChannelFlags,
  RoleFlags,
} from 'discord.js';
import {
  ChannelType,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayOpcodes,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildVerificationLevel,
  Locale,
  MessageType,
} from 'discord.js';

export interface GatewayFrame {
  op: number;
  d: unknown;
  at: number;
}

export interface GatewayWorld {
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly gatewayUrl: string;
  readonly heartbeatIntervalMs: number;
  guildCreate(): GatewayGuildCreateDispatchData;
}

interface Session {
  id: string;
  seq: number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class FakeGateway {
  /** Every frame the client sent, in order (IDENTIFY carries the token the client used). */
  readonly received: GatewayFrame[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly live = new Map<WebSocket, Session>();
  private waiters: Waiter[] = [];

  constructor(private readonly world: GatewayWorld) {
    this.wss.on('connection', (socket: WebSocket, req: IncomingMessage) => this.accept(socket, req));
  }

  get identified(): boolean {
    return this.live.size > 0;
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  /** Sends a dispatch (op 0) to every identified connection. */
  dispatch(t: string, d: unknown): void {
    if (this.live.size === 0) throw new Error(`FakeDiscord: cannot dispatch ${t}, no client has identified yet`);
    for (const [socket, session] of this.live) send(socket, { op: GatewayOpcodes.Dispatch, t, s: ++session.seq, d });
  }

  waitForIdentify(timeoutMs: number): Promise<void> {
    if (this.identified) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`FakeDiscord: no IDENTIFY within ${timeoutMs} ms (did the client call login()?)`));
      }, timeoutMs);
      timer.unref();
      this.waiters.push({ resolve, reject, timer });
    });
  }

  /** Closes client connections with a resumable code, as Discord does when it drops a session. */
  drop(code = 4000): void {
    for (const socket of this.live.keys()) socket.close(code, 'dropped by FakeDiscord');
  }

  close(): Promise<void> {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('FakeDiscord stopped before any IDENTIFY'));
    }
    this.waiters = [];
    for (const socket of this.wss.clients) socket.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket, req: IncomingMessage): void {
    const query = new URL(req.url ?? '/', 'ws://fake').searchParams;
    if (query.get('v') !== '10' || query.get('encoding') !== 'json' || query.has('compress')) {
      // Unrecoverable code: discord.js gives up instead of retrying forever.
      socket.close(GatewayCloseCodes.InvalidAPIVersion, 'FakeDiscord speaks only v=10&encoding=json, uncompressed');
      return;
    }
    socket.on('message', (raw) => this.onFrame(socket, raw));
    socket.on('close', () => this.live.delete(socket));
    send(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.world.heartbeatIntervalMs } });
  }

  private onFrame(socket: WebSocket, raw: RawData): void {
    const frame = JSON.parse(raw.toString()) as { op: number; d: unknown };
    this.received.push({ op: frame.op, d: frame.d, at: Date.now() });
    switch (frame.op) {
      case GatewayOpcodes.Heartbeat:
        send(socket, { op: GatewayOpcodes.HeartbeatAck });
        break;
      case GatewayOpcodes.Identify:
        this.identify(socket);
        break;
      case GatewayOpcodes.Resume:
        this.resume(socket, frame.d as { session_id?: string });
        break;
      default:
        // Presence updates, member requests and voice state changes need no answer here.
        break;
    }
  }

  private identify(socket: WebSocket): void {
    if (this.live.has(socket)) {
      socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'IDENTIFY sent twice');
      return;
    }
    const session: Session = { id: snowflake(), seq: 0 };
    this.sessions.set(session.id, session);
    this.live.set(socket, session);
    const { botUser, applicationId, gatewayUrl } = this.world;
    const guild = this.world.guildCreate();
    send(socket, {
      op: GatewayOpcodes.Dispatch,
      t: GatewayDispatchEvents.Ready,
      s: ++session.seq,
      d: {
        v: 10,
        user: botUser,
        guilds: [{ id: guild.id, unavailable: true }],
        session_id: session.id,
        resume_gateway_url: gatewayUrl,
        shard: [0, 1],
        application: { id: applicationId, flags: 0 },
        user_settings: {},
        private_channels: [],
        presences: [],
        relationships: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
      },
    });
    // Without GUILD_CREATE discord.js waits waitGuildTimeout (15 s) before emitting ready.
    send(socket, { op: GatewayOpcodes.Dispatch, t: GatewayDispatchEvents.GuildCreate, s: ++session.seq, d: guild });
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve();
    }
    this.waiters = [];
  }

  private resume(socket: WebSocket, d: { session_id?: string }): void {
    const session = d.session_id === undefined ? undefined : this.sessions.get(d.session_id);
    if (!session) {
      // d:false tells the client to start over with a fresh IDENTIFY.
      send(socket, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    this.live.set(socket, session);
    // Events dispatched while the client was away are not replayed.
    send(socket, { op: GatewayOpcodes.Dispatch, t: GatewayDispatchEvents.Resumed, s: ++session.seq, d: {} });
  }
}

function send(socket: WebSocket, payload: object): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
}

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A real-looking snowflake, so discord.js's createdTimestamp getters give sane dates. */
export function snowflake(now = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(now) - DISCORD_EPOCH) << 22n) | increment).toString();
}

/** What the fake knows about its one guild. */
export interface GuildShape {
  id: string;
  name: string;
  ownerId: string;
  locale: Locale;
  joinedAt: string;
  botUser: APIUser;
  channelIds: readonly string[];
  roles: readonly APIRole[];
}

export function guildCreatePayload(guild: GuildShape): GatewayGuildCreateDispatchData {
  // Discord always lists the bot's own member, even without the GuildMembers intent.
  const me = member(guild.botUser, [], guild.joinedAt);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    mfa_level: GuildMFALevel.None,
    nsfw_level: GuildNSFWLevel.Default,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    features: [],
    application_id: null,
    system_channel_id: guild.channelIds[0] ?? null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    preferred_locale: guild.locale,
    hub_type: null,
    incidents_data: null,
    max_members: 500000,
    roles: [...guild.roles],
    emojis: [],
    stickers: [],
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [me],
    channels: guild.channelIds.map((id, position) => textChannel(id, guild.id, position)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function textChannel(id: string, guildId: string, position: number): APITextChannel {
  return {
    id,
    type: ChannelType.GuildText,
    guild_id: guildId,
    name: `ops-${position + 1}`,
    position,
    permission_overwrites: [],
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0 as ChannelFlags,
  };
}

export function role(id: string, name: string, position: number, permissions = '0'): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions,
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

export function member(user: APIUser, roles: string[], joinedAt: string): APIGuildMember {
  return {
    user,
    roles,
    joined_at: joinedAt,
    nick: null,
    avatar: null,
    premium_since: null,
    pending: false,
    communication_disabled_until: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
  };
}

export interface MessageContent {
  content?: unknown;
  embeds?: unknown;
  components?: unknown;
  flags?: unknown;
}

/** A message as Discord returns it for a post made by the bot. */
export function botMessage(
  author: APIUser,
  channelId: string,
  body: MessageContent,
  type = MessageType.Default,
  attachments: APIAttachment[] = [],
): APIMessage {
  return {
    id: snowflake(),
    channel_id: channelId,
    author,
    content: typeof body.content === 'string' ? body.content : '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments,
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    components: Array.isArray(body.components) ? body.components : [],
    pinned: false,
    type,
    flags: Number(body.flags ?? 0),
  };
}
