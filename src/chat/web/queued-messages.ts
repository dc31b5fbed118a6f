// The web channels' part of the outbox's queue: what is stored to be said there and not yet said.
import type { OutboxMessageModel } from '../../../models/core/outbox-message.js';

/** Unsent web messages (waiting, being sent, or held in a storm), by web channel id. */
export async function queuedWebMessages(outbox: OutboxMessageModel): Promise<Map<string, number>> {
  const rows = await outbox.aggregate<{ _id: string; n: number }>([
    { $match: { platform: 'web', state: { $in: ['pending', 'sending', 'held'] } } },
    { $group: { _id: '$channelId', n: { $sum: 1 } } },
  ]);
  return new Map(rows.map((row) => [row._id, row.n]));
}
