// Helpers for outbox tests: bind a kind's channel, make a card, hold a channel's queue still while
// a test stores things behind it, and read what the outbox holds.
import type { Platform } from '../../src/chat/actor.js';
import type { Message } from '../../src/chat/card.js';
import type { ChannelKind } from '../../src/chat/commands.js';
import type { Harness } from './harness.js';
import { waitUntil } from './wait-until.js';

export async function bindChannel(h: Harness, platform: Platform, kind: ChannelKind, channelId: string) {
  await h.zhiban.models.ChannelBinding.updateOne(
    { platform, kind },
    { $set: { channelId, setBy: 'test', setAt: new Date() } },
    { upsert: true },
  );
  h.zhiban.ops.channels.forgetBindings();
}

export function aCard(title: string, text = `${title} text`): Message {
  return { text: title, cards: [{ title, text, tone: 'major', fields: [{ label: 'State', value: title }] }] };
}

/**
 * Puts a message at the head of a channel's queue that may not go for an hour, so what is stored
 * after it waits (FIFO). The returned function lets the queue move again.
 */
export async function holdChannel(h: Harness, platform: Platform, channelId: string): Promise<() => Promise<void>> {
  const now = new Date();
  const held = await h.zhiban.models.OutboxMessage.create({
    platform,
    channelId,
    channelKey: `${platform}:${channelId}`,
    subject: `test:hold-${now.getTime()}`,
    op: 'post',
    message: aCard('held'),
    state: 'pending',
    attempts: 0,
    notBefore: new Date(now.getTime() + 3_600_000),
    createdAt: now,
  });
  return async () => {
    await h.zhiban.models.OutboxMessage.updateOne({ _id: held._id }, { $set: { notBefore: new Date() } });
  };
}

/** Resolves once nothing about `subject` is waiting to be sent any more. */
export async function waitUntilSent(h: Harness, subject: string | RegExp, timeoutMs = 10_000): Promise<void> {
  await waitUntil(
    async () =>
      (await h.zhiban.models.OutboxMessage.countDocuments({ subject, state: { $in: ['pending', 'sending'] } })) === 0,
    `the outbox to send everything about ${String(subject)}`,
    { timeoutMs, everyMs: 25 },
  );
}

/** Largest number of `times` inside any window of `windowMs` (like FakeSlack.maxRateOver, on a subset). */
export function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}
