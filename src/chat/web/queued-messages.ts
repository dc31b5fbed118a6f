// The web channels' part of the outbox's queue: what is stored to be said there and not yet said.
import type { OutboxMessageModel } from '../../../models/core/outbox-message.js';
import { directUserOf } from '../../notify/direct-address.js';
import { directChannel } from './web-channels.js';

/** Unsent web messages (waiting, being sent, or held in a storm), by web channel id. */
export async function queuedWebMessages(outbox: OutboxMessageModel): Promise<Map<string, number>> {
  const rows = await outbox.aggregate<{ _id: string; n: number }>([
    { $match: { platform: 'web', state: { $in: ['pending', 'sending', 'held'] } } },
    { $group: { _id: '$channelId', n: { $sum: 1 } } },
  ]);
  const queued = new Map<string, number>();
  for (const row of rows) {
    // What is told to one person (`@alice`) is on its way to their direct messages, `dm:alice`.
    const person = directUserOf(row._id);
    const channel = person === undefined ? row._id : directChannel(person);
    queued.set(channel, (queued.get(channel) ?? 0) + row.n);
  }
  return queued;
}
