// Lets a channel's held messages go, a few subjects at a time, the one waiting longest first, each
// subject coalesced: only its latest card, and its held thread lines as one line ("+37 updates during
// the storm") under a card shown before the storm, or none under a card first shown in it. The rest
// are marked merged into what carries their news, never deleted.
import { Types } from 'mongoose';
import type { Platform } from '../chat/actor.js';
import type { MessageRefModel } from '../../models/core/message-ref.js';
import type { OutboxMessage, OutboxMessageModel } from '../../models/core/outbox-message.js';
import type { StormWords } from './storm-digest.js';
import type { ChannelSpeech } from '../chat/wording.js';

export interface StormReleaseDeps {
  outbox: OutboxMessageModel;
  refs: MessageRefModel;
  words: StormWords;
  speech: Pick<ChannelSpeech, 'render'>;
}

export class StormRelease {
  constructor(private readonly deps: StormReleaseDeps) {}

  /**
   * Queues the held messages of the subjects waiting longest, about `budget` messages once coalesced;
   * `since` is the storm's start (undefined: held with no storm on). Answers how many it queued.
   */
  async release(channelKey: string, budget: number, since: Date | undefined, now: Date): Promise<number> {
    let queued = 0;
    for (const subject of await this.deps.outbox.heldSubjects(channelKey, budget)) {
      if (queued >= budget) break;
      queued += await this.subject(channelKey, subject, since, now);
    }
    return queued;
  }

  private async subject(channelKey: string, subject: string, since: Date | undefined, now: Date): Promise<number> {
    const { outbox, refs } = this.deps;
    const held = await outbox.heldOf(channelKey, subject);
    const cards = held.filter((m) => m.op !== 'thread');
    const lines = held.filter((m) => m.op === 'thread');
    const card = cards.at(-1);
    let queued = 0;
    if (card) {
      await outbox.mergeHeld(ids(cards.slice(0, -1)), card._id);
      if (await outbox.releaseHeld(card._id, now)) queued += 1;
    }
    if (lines.length === 0) return queued;

    const { platform, channelId } = lines[0]!;
    const ref = await refs.lookup(platform, subject);
    const shownBefore = ref?.channelId === channelId && (!since || ref.updatedAt < since);
    // A card first shown in this storm shows its latest state; nobody followed its thread before the
    // storm, and a thread starting with "+12 updates" would say nothing. The lines stay on record.
    const latest = shownBefore ? undefined : (card ?? (await outbox.latestCard(channelKey, subject)));
    if (latest) {
      await outbox.mergeHeld(ids(lines), latest._id);
      return queued;
    }
    if (lines.length === 1) return queued + ((await outbox.releaseHeld(lines[0]!._id, now)) ? 1 : 0);

    const summary = new Types.ObjectId();
    const merged = await outbox.mergeHeld(ids(lines), summary);
    if (merged === 0) return queued;
    await outbox.enqueue({
      _id: summary,
      platform,
      channelId,
      subject,
      op: 'thread',
      message: await this.deps.speech.render(this.deps.words.missed(merged), platform as Platform, channelId),
      // In the line's place in the queue: after the card it hangs under.
      createdAt: lines.at(-1)!.createdAt,
    });
    return queued + 1;
  }
}

function ids(messages: readonly OutboxMessage[]): Types.ObjectId[] {
  return messages.map((m) => m._id);
}
