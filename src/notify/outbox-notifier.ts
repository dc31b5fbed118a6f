// The Notifier of DESIGN.md: what must be said is stored in the outbox, one message per platform
// with a bound channel (or, told to a person, one message on their platform), and an OutboxSender
// says it. A card changed again before it was sent is sent once, with its last content.
import type { Platform } from '../chat/actor.js';
import type { ChannelKind } from '../chat/commands.js';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';
import type { MessageRefModel } from '../../models/core/message-ref.js';
import type { OutboxFields, OutboxMessageModel, OutboxOp } from '../../models/core/outbox-message.js';
import type { Notifier } from './notifier.js';
import type { OutboxStorms } from './outbox-storms.js';
import type { ChannelSpeech, PersonSpeech, Wording } from '../chat/wording.js';
import { directAddress, personKeyParts } from './direct-address.js';

/** Which channel is the home of a kind of message on a platform (the ChannelDirectory). */
export interface ChannelLookup {
  channelFor(platform: Platform, kind: ChannelKind): Promise<string | undefined>;
}

export interface OutboxNotifierDeps {
  outbox: OutboxMessageModel;
  refs: MessageRefModel;
  channels: ChannelLookup;
  /** Puts what is said into the words of each channel it goes to. */
  speech: Pick<ChannelSpeech, 'render'>;
  /** Puts what is told to one person into their language. */
  personSpeech: Pick<PersonSpeech, 'render'>;
  /** The platforms this Zhiban speaks (those with an adapter). */
  platforms: () => readonly Platform[];
  clock: Clock;
  logger: Logger;
  /** Holds what a channel in a storm is told, behind its digest card; without it, everything is queued. */
  storms?: Pick<OutboxStorms, 'holds'>;
}

/** One thing stored about a subject: its card, or a line in its thread. */
interface Part {
  what: 'card' | 'thread';
  wording: Wording;
}

/** Cards remembered as queued by this process; beyond it the memory starts again. */
const QUEUED_MEMORY_SIZE = 10_000;

export class OutboxNotifier implements Notifier {
  private readonly listeners = new Set<() => void>();
  /**
   * The cards (`platform:channel|subject`) this process has queued and not yet seen sent: only such
   * a card can have a stored version still waiting that a new one should replace, as far as this
   * process knows. A card queued by another process and changed here before it went is edited
   * twice (right, one edit more); every other store skips the look for a waiting one, a round trip.
   */
  private readonly queued = new Set<string>();

  constructor(private readonly deps: OutboxNotifierDeps) {}

  /** `listener` runs after each store, so a sender in this process starts at once instead of at its next poll. */
  onStored(listener: () => void): void {
    this.listeners.add(listener);
  }

  async showCard(kind: ChannelKind, subject: string, wording: Wording): Promise<void> {
    await this.store(kind, subject, [{ what: 'card', wording }]);
  }

  async addToThread(kind: ChannelKind, subject: string, wording: Wording): Promise<void> {
    await this.store(kind, subject, [{ what: 'thread', wording }]);
  }

  async showCardWithLine(kind: ChannelKind, subject: string, card: Wording, line: Wording): Promise<void> {
    await this.store(kind, subject, [
      { what: 'card', wording: card },
      { what: 'thread', wording: line },
    ]);
  }

  reaches(person: string): boolean {
    const parts = personKeyParts(person);
    return parts !== undefined && this.deps.platforms().includes(parts.platform);
  }

  async tellPerson(person: string, subject: string, wording: Wording): Promise<boolean> {
    const { outbox, clock, logger, personSpeech } = this.deps;
    const parts = personKeyParts(person);
    if (!parts || !this.reaches(person)) {
      logger.debug({ person, subject }, 'outbox: the person is on no platform this Zhiban speaks; nothing stored');
      return false;
    }
    const { platform, userId } = parts;
    const channelId = directAddress(userId);
    const message = await personSpeech.render(wording, person);
    if (!(await this.replacedPending({ platform, channelId, subject, message }))) {
      // Direct messages have no storm digest: one person is never told more than the rate allows.
      // Posted or edited: decided when it is sent (message-delivery.ts), not read here.
      await outbox.enqueue({ platform, channelId, subject, op: 'post', message, createdAt: clock.now() });
      this.rememberQueued(platform, channelId, subject);
    }
    for (const listener of this.listeners) listener();
    return true;
  }

  /**
   * Stores `parts` (a card, a thread line, or both) in every platform's bound channel for `kind`:
   * all of them in one write, the card before its line.
   */
  private async store(kind: ChannelKind, subject: string, parts: readonly Part[]): Promise<void> {
    const { outbox, channels, clock, logger, speech } = this.deps;
    let stored = false;
    const wishes: OutboxFields[] = [];
    for (const platform of this.deps.platforms()) {
      const channelId = await channels.channelFor(platform, kind);
      if (!channelId) {
        logger.debug({ platform, kind, subject }, 'outbox: no channel bound for this kind; nothing stored');
        continue;
      }
      stored = true;
      for (const { what, wording } of parts) {
        const message = await speech.render(wording, platform, channelId);
        if (what === 'card' && (await this.replacedPending({ platform, channelId, subject, message }))) continue;
        // A card is posted or edited in place as the sender finds it when it sends (message-delivery.ts).
        const op: OutboxOp = what === 'thread' ? 'thread' : 'post';
        const wish = { platform, channelId, subject, op, message, createdAt: clock.now() };
        if (await this.deps.storms?.holds(kind, wish)) continue;
        wishes.push(wish);
      }
    }
    await outbox.enqueueAll(wishes);
    for (const wish of wishes) if (wish.op !== 'thread') this.rememberQueued(wish.platform, wish.channelId, subject);
    if (stored) for (const listener of this.listeners) listener();
  }

  /**
   * The outbox sent `item`: a card of it stored from now on has no waiting version to replace (as
   * far as this process knows: one queued again meanwhile is edited once more, rightly).
   */
  sent(item: { platform: string; channelId: string; subject: string; op: string }): void {
    if (item.op !== 'thread') this.queued.delete(`${item.platform}:${item.channelId}|${item.subject}`);
  }

  /** Replaces the content of the card's waiting version, if this process may have queued one. */
  private async replacedPending(fields: {
    platform: Platform;
    channelId: string;
    subject: string;
    message: object;
  }): Promise<boolean> {
    if (!this.queued.has(`${fields.platform}:${fields.channelId}|${fields.subject}`)) return false;
    return this.deps.outbox.replacePendingCard(fields);
  }

  private rememberQueued(platform: string, channelId: string, subject: string): void {
    if (this.queued.size >= QUEUED_MEMORY_SIZE) this.queued.clear();
    this.queued.add(`${platform}:${channelId}|${subject}`);
  }
}
