// The messages FakeSlack keeps, and the Web API methods that read and write them as Slack does:
// chat.postMessage (metadata kept when its event_type is valid), chat.update, and the history
// methods with their paging and `include_all_metadata`, behind the scopes Slack asks for.

type Json = Record<string, unknown>;

/** A message as the fake keeps it: what chat.postMessage stored, with chat.update applied. */
export type StoredMessage = {
  type: 'message';
  user: string;
  bot_id: string;
  app_id: string;
  team: string;
  text: string;
  ts: string;
  blocks?: unknown;
  attachments?: unknown;
  /** `{event_type, event_payload}`, returned only to include_all_metadata=true. */
  metadata?: Json;
  /** On a reply: its parent's ts; on a parent with replies: its own ts. */
  thread_ts?: string;
  reply_count?: number;
};

/** The scopes slack-manifest.yml asks for. */
export const MANIFEST_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'users:read',
  'channels:read',
  'groups:read',
  'channels:history',
  'groups:history',
  'files:write',
];

export const FAKE_APP_ID = 'A0ZHIBAN1';

/** Slack's rule for an event type; metadata with another is dropped with a warning. */
const EVENT_TYPE = /^[A-Za-z0-9_-]+$/;

export interface Author {
  user: string;
  bot_id: string;
  team: string;
}

export class SlackMessages {
  /** Per channel, every message posted (replies too), oldest first. */
  private readonly byChannel = new Map<string, StoredMessage[]>();
  private lastTsMicros = 0;

  constructor(
    private readonly author: Author,
    /** Whether the channel is private (its history needs groups:history rather than channels:history). */
    private readonly isPrivate: (channel: string) => boolean,
    public scopes: Set<string>,
  ) {}

  /** Next Slack-style ts: the time now (seconds.microseconds), strictly increasing as Slack's are. */
  nextTs(): string {
    this.lastTsMicros = Math.max(this.lastTsMicros + 1, Date.now() * 1000);
    const seconds = Math.floor(this.lastTsMicros / 1e6);
    return `${seconds}.${String(this.lastTsMicros % 1e6).padStart(6, '0')}`;
  }

  /** The channel's messages that are not thread replies, oldest first, as they are now. */
  topLevel(channel: string): StoredMessage[] {
    return this.all(channel).filter((m) => !m.thread_ts || m.thread_ts === m.ts);
  }

  /** The replies in the thread under `ts`, oldest first. */
  replies(channel: string, ts: string): StoredMessage[] {
    return this.all(channel).filter((m) => m.thread_ts === ts && m.ts !== ts);
  }

  post(channel: string, body: Json): Json {
    const ts = this.nextTs();
    const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
    const metadata = typeof body.metadata === 'object' && body.metadata !== null ? (body.metadata as Json) : undefined;
    // Slack keeps metadata whose event_type it accepts, and otherwise posts the message without it.
    const keep =
      metadata !== undefined && typeof metadata.event_type === 'string' && EVENT_TYPE.test(metadata.event_type);
    const message: StoredMessage = {
      type: 'message',
      ...this.author,
      app_id: FAKE_APP_ID,
      text: String(body.text ?? ''),
      ts,
      ...pick(body, ['blocks', 'attachments']),
      ...(keep ? { metadata } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    };
    const list = this.all(channel);
    list.push(message);
    this.byChannel.set(channel, list);
    const parent = threadTs ? list.find((m) => m.ts === threadTs) : undefined;
    if (parent) Object.assign(parent, { thread_ts: parent.ts, reply_count: (parent.reply_count ?? 0) + 1 });
    // Whether Slack's answer echoes the metadata is not documented; nothing reads it there, so the fake leaves it out.
    const shown: Json = { ...message };
    delete shown.metadata;
    return {
      ok: true,
      channel,
      ts,
      message: shown,
      ...(metadata && !keep ? { warning: 'invalid_metadata_schema' } : {}),
    };
  }

  /** Applies an edit to a stored message; edits of messages it never stored are answered all the same. */
  update(channel: string, body: Json): Json {
    const found = this.all(channel).find((m) => m.ts === body.ts);
    const text = body.text ?? '';
    if (found) Object.assign(found, { text: String(text) }, pick(body, ['blocks', 'attachments', 'metadata']));
    return { ok: true, channel, ts: body.ts, text, message: { text, blocks: body.blocks } };
  }

  /**
   * conversations.history (the channel's messages without thread replies, newest first) and
   * conversations.replies (a thread: its parent, then its replies, oldest first), paged as Slack
   * pages them: `oldest`/`latest` (exclusive unless `inclusive`), `limit` (default 100, at most
   * 999), `cursor`. Metadata only with include_all_metadata=true.
   */
  history(method: 'conversations.history' | 'conversations.replies', channel: string, body: Json): Json {
    const needed = this.isPrivate(channel) ? 'groups:history' : 'channels:history';
    if (!this.scopes.has(needed)) {
      return { ok: false, error: 'missing_scope', needed, provided: [...this.scopes].join(',') };
    }
    let list: StoredMessage[];
    if (method === 'conversations.replies') {
      const parent = this.all(channel).find((m) => m.ts === body.ts);
      if (!parent) return { ok: false, error: 'thread_not_found' };
      list = [parent, ...this.replies(channel, parent.ts)];
    } else {
      list = this.topLevel(channel).reverse();
    }
    const inclusive = truthy(body.inclusive);
    const oldest = Number(body.oldest ?? 0);
    const latest = body.latest === undefined ? Number.POSITIVE_INFINITY : Number(body.latest);
    const inRange = (ts: number) => (inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest);
    // A thread's parent heads every page set, whatever the range.
    const matching = list.filter((m, i) => inRange(Number(m.ts)) || (method === 'conversations.replies' && i === 0));
    const limit = Math.min(999, Math.max(1, Number(body.limit ?? 100)));
    const offset = typeof body.cursor === 'string' && body.cursor ? Number(Buffer.from(body.cursor, 'base64url')) : 0;
    const page = matching.slice(offset, offset + limit);
    const hasMore = offset + limit < matching.length;
    const withMetadata = truthy(body.include_all_metadata);
    return {
      ok: true,
      messages: page.map(({ metadata, ...message }) => ({
        ...message,
        ...(withMetadata && metadata ? { metadata } : {}),
      })),
      has_more: hasMore,
      response_metadata: { next_cursor: hasMore ? Buffer.from(String(offset + limit)).toString('base64url') : '' },
    };
  }

  private all(channel: string): StoredMessage[] {
    return this.byChannel.get(channel) ?? [];
  }
}

/** web-api sends booleans in a form as the strings `true`/`false`. */
function truthy(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}

function pick(body: Json, keys: string[]): Json {
  return Object.fromEntries(keys.filter((key) => body[key] !== undefined).map((key) => [key, body[key]]));
}
