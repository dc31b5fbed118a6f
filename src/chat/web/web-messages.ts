// The console's messages in the database: written by the adapter (posts, edits, replies), read by
// the page (history) and by the live stream. Who may see which is decided here, in one place.
import { createHash, randomUUID } from 'node:crypto';
import type { QueryFilter } from 'mongoose';
import type { Clock } from '../../kernel/clock.js';
import type { WebMessage, WebMessageModel } from '../../../models/web/web-message.js';
import { cardValueId } from '../card-value.js';
import { mapMessageText, type Message } from '../card.js';
import { plainText } from '../neutral-text.js';
import type { HistoryPage, WebMessageView } from './api-types.js';
import { withFileUrls } from './message-files.js';
import { canSeeChannel, isFixedChannel } from './web-channels.js';

/** Who is looking: `alice`, `web:alice`. */
export interface Viewer {
  name: string;
  key: string;
}

export interface Placement {
  thread?: string | undefined;
  audience?: string | undefined;
  author?: string | undefined;
  origin?: string | undefined;
  /** When it counts as said; now unless given (a typed command's echo is dated when it was sent). */
  at?: Date | undefined;
}

/**
 * How long a private message (an echo of what was typed, an answer only its reader sees) stays in a
 * channel's view; after that it is only in the reader's direct messages, so cards are not buried.
 */
export const PRIVATE_FADE_MS = 60_000;

export const HISTORY_PAGE = 50;

export class WebMessages {
  constructor(
    private readonly model: WebMessageModel,
    private readonly clock: Clock,
    /** Told after every write, so this process's live streams look at once. */
    private readonly written: () => void,
    /** PRIVATE_FADE_MS; tests shorten it. */
    readonly privateFadeMs: number = PRIVATE_FADE_MS,
  ) {}

  async add(channelId: string, message: Message, placement: Placement = {}): Promise<WebMessage> {
    const { at, ...where } = placement;
    const doc = await this.model.add(
      { messageId: randomUUID(), channelId, message, offered: offeredBy(message), ...definedOnly(where) },
      at ?? this.clock.now(),
    );
    this.written();
    return doc;
  }

  /**
   * Adds what the outbox says under `key` (its message id) once: a repeat after a crash answers with
   * the message stored the first time, edits since included, and stores nothing.
   */
  async addOnce(key: string, channelId: string, message: Message, placement: Placement = {}): Promise<WebMessage> {
    const { at, ...where } = placement;
    const fields = {
      messageId: messageIdFor(key),
      channelId,
      message,
      offered: offeredBy(message),
      ...definedOnly(where),
    };
    const doc = await this.model.addOnce(fields, at ?? this.clock.now());
    this.written();
    return doc;
  }

  /** The injected clock's time, for what is dated before it is stored. */
  now(): Date {
    return this.clock.now();
  }

  async replace(messageId: string, message: Message): Promise<WebMessage | null> {
    const doc = await this.model.replace(messageId, message, this.clock.now(), offeredBy(message));
    if (doc) this.written();
    return doc;
  }

  /** The message if `viewer` may see it; null otherwise, so nobody learns what others' messages are. */
  async findFor(viewer: Viewer, messageId: string): Promise<WebMessage | null> {
    const doc = await this.model.findOne({ messageId }).lean<WebMessage | null>();
    return doc && isVisible(doc, viewer) ? doc : null;
  }

  /**
   * The latest cards of a channel (older than `before`), oldest first, each followed by its thread.
   * In a fixed channel, private messages older than `privateFadeMs` are left out (they have faded).
   */
  async history(viewer: Viewer, channelId: string, before?: WebMessage): Promise<HistoryPage> {
    const fadedBefore = isFixedChannel(channelId)
      ? new Date(this.clock.now().getTime() - this.privateFadeMs)
      : undefined;
    const audience = audienceFilter(viewer, fadedBefore);
    const older: QueryFilter<WebMessage> = before
      ? {
          $or: [
            { createdAt: { $lt: before.createdAt } },
            { createdAt: before.createdAt, messageId: { $lt: before.messageId } },
          ],
        }
      : {};
    const newestFirst = await this.model
      .find({ $and: [{ channelId, thread: null }, audience, older] })
      .sort({ createdAt: -1, messageId: -1 })
      .limit(HISTORY_PAGE + 1)
      .lean<WebMessage[]>();
    const cards = newestFirst.slice(0, HISTORY_PAGE).reverse();
    const replies = cards.length
      ? await this.model
          .find({ $and: [{ thread: { $in: cards.map((c) => c.messageId) } }, audience] })
          .sort({ createdAt: 1 })
          .lean<WebMessage[]>()
      : [];
    return { messages: [...cards, ...replies].map(toView), more: newestFirst.length > HISTORY_PAGE };
  }
}

export function isVisible(doc: Pick<WebMessage, 'channelId' | 'audience'>, viewer: Viewer): boolean {
  return canSeeChannel(viewer.name, doc.channelId) && (!doc.audience || doc.audience === viewer.key);
}

export function toView(doc: WebMessage): WebMessageView {
  return {
    id: doc.messageId,
    channelId: doc.channelId,
    ...(doc.thread ? { thread: doc.thread } : {}),
    ...(doc.audience ? { private: true } : {}),
    ...(doc.author ? { author: doc.author } : {}),
    ...(doc.origin ? { origin: doc.origin } : {}),
    // The console shows text as it is: people and links by name (src/chat/neutral-text.ts).
    message: withFileUrls(mapMessageText(doc.message as Message, plainText), doc.messageId),
    version: doc.version,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

function audienceFilter(viewer: Viewer, fadedBefore?: Date): QueryFilter<WebMessage> {
  const own = fadedBefore ? { audience: viewer.key, createdAt: { $gte: fadedBefore } } : { audience: viewer.key };
  return { $or: [{ audience: null }, own] };
}

/** A message id made from the outbox's key, shaped like the random ones (a UUID). */
function messageIdFor(key: string): string {
  const hex = createHash('sha256').update(`outbox:${key}`).digest('hex');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20, 32)].join('-');
}

function definedOnly(placement: Placement): Placement {
  return Object.fromEntries(Object.entries(placement).filter(([, v]) => v !== undefined));
}

/** `action:subject` of every button of `message` (`incident.ack:INC-12` for `incident.ack` on `INC-12~3`). */
export function offeredBy(message: Message): string[] {
  const keys = (message.cards ?? []).flatMap((card) =>
    (card.buttons ?? []).map((button) => `${button.actionId}:${cardValueId(button.value)}`),
  );
  return [...new Set(keys)];
}
