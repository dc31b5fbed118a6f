// The Notifier of DESIGN.md: what must be said is stored in the outbox, one message per platform
// with a bound channel (or, told to a person, one message on their platform), and an OutboxSender
// says it. A card changed again before it was sent is sent once, with its last content.
import type { Platform } from '../chat/actor.js';
import type { ChannelKind } from '../chat/commands.js';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';
import type { MessageRefModel } from '../../models/core/message-ref.js';
import type { OutboxMessageModel, OutboxOp } from '../../models/core/outbox-message.js';
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

export class OutboxNotifier implements Notifier {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: OutboxNotifierDeps) {}

  /** `listener` runs after each store, so a sender in this process starts at once instead of at its next poll. */
  onStored(listener: () => void): void {
    this.listeners.add(listener);
  }

  async showCard(kind: ChannelKind, subject: string, wording: Wording): Promise<void> {
    await this.store(kind, subject, wording, 'card');
  }

  async addToThread(kind: ChannelKind, subject: string, wording: Wording): Promise<void> {
    await this.store(kind, subject, wording, 'thread');
  }

  reaches(person: string): boolean {
    const parts = personKeyParts(person);
    return parts !== undefined && this.deps.platforms().includes(parts.platform);
  }

  async tellPerson(person: string, subject: string, wording: Wording): Promise<boolean> {
    const { outbox, refs, clock, logger, personSpeech } = this.deps;
    const parts = personKeyParts(person);
    if (!parts || !this.reaches(person)) {
      logger.debug({ person, subject }, 'outbox: the person is on no platform this Zhiban speaks; nothing stored');
      return false;
    }
    const { platform, userId } = parts;
    const channelId = directAddress(userId);
    const message = await personSpeech.render(wording, person);
    if (!(await outbox.replacePendingCard({ platform, channelId, subject, message }))) {
      // Direct messages have no storm digest: one person is never told more than the rate allows.
      const op: OutboxOp = (await refs.lookup(platform, subject)) ? 'edit' : 'post';
      await outbox.enqueue({ platform, channelId, subject, op, message, createdAt: clock.now() });
    }
    for (const listener of this.listeners) listener();
    return true;
  }

  private async store(kind: ChannelKind, subject: string, wording: Wording, what: 'card' | 'thread'): Promise<void> {
    const { outbox, refs, channels, clock, logger, speech } = this.deps;
    let stored = false;
    for (const platform of this.deps.platforms()) {
      const channelId = await channels.channelFor(platform, kind);
      if (!channelId) {
        logger.debug({ platform, kind, subject }, 'outbox: no channel bound for this kind; nothing stored');
        continue;
      }
      stored = true;
      const message = await speech.render(wording, platform, channelId);
      if (what === 'card' && (await outbox.replacePendingCard({ platform, channelId, subject, message }))) continue;
      // A hint: the sender looks at where the card lives again when it sends.
      const ref = what === 'card' ? await refs.lookup(platform, subject) : null;
      const op: OutboxOp = what === 'thread' ? 'thread' : ref?.channelId === channelId ? 'edit' : 'post';
      const wish = { platform, channelId, subject, op, message, createdAt: clock.now() };
      if (await this.deps.storms?.holds(kind, wish)) continue;
      await outbox.enqueue(wish);
    }
    if (stored) for (const listener of this.listeners) listener();
  }
}
