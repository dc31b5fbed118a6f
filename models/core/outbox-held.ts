// The outbox during a channel's storm (src/notify/outbox-storms.ts): messages held instead of
// queued, and let go later, coalesced per subject. Held and merged messages stay in the collection,
// so what was not said one by one is still on record.
import type { Schema, Types } from 'mongoose';
import type { OutboxFields, OutboxMessage, OutboxMessageModel, OutboxOp, OutboxState } from './outbox-message.js';

export interface HeldStatics {
  /**
   * Stores a message its channel's storm holds back; a subject's held card is replaced, as a pending
   * one is, and its `heldAt` moves to the latest wish.
   */
  hold(fields: OutboxFields): Promise<void>;
  /** Whether the channel held anything after `after`: news for its digest card. */
  heldAfter(channelKey: string, after: Date): Promise<boolean>;
  /** The subject's latest card in the channel, sent or not. */
  latestCard(channelKey: string, subject: string): Promise<OutboxMessage | null>;
  /** The channel's unsent messages, its digest card aside. */
  backlog(channelKey: string): Promise<number>;
  hasHeld(channelKey: string): Promise<boolean>;
  heldChannels(): Promise<string[]>;
  /** The subjects with held messages, the one waiting longest first. */
  heldSubjects(channelKey: string, limit?: number): Promise<string[]>;
  /** A subject's held messages, oldest first. */
  heldOf(channelKey: string, subject: string): Promise<OutboxMessage[]>;
  /** Queues a held message; false when another process let it go first. */
  releaseHeld(id: Types.ObjectId, now: Date): Promise<boolean>;
  /** Folds held messages into `into`; answers how many this call folded (another process may take some). */
  mergeHeld(ids: readonly Types.ObjectId[], into: Types.ObjectId): Promise<number>;
  /** The channel's digest card waiting to be sent, if any: it goes before the queue it sums up. */
  pendingDigest(channelKey: string): Promise<OutboxMessage | null>;
  /** How many messages the channel held since `since`, about how many subjects. */
  heldSince(channelKey: string, since: Date): Promise<{ held: number; subjects: number }>;
}

const UNSENT: OutboxState[] = ['pending', 'sending'];
const CARD_OPS: OutboxOp[] = ['post', 'edit'];

export function addHeldStatics(schema: Schema<OutboxMessage, OutboxMessageModel>): void {
  schema.static('hold', async function hold(this: OutboxMessageModel, fields: OutboxFields) {
    const { platform, channelId, subject, op, message, createdAt } = fields;
    if (op !== 'thread') {
      const replaced = await this.findOneAndUpdate(
        { subject, platform, channelId, state: 'held', op: { $in: CARD_OPS } },
        { $set: { message, heldAt: createdAt } },
        { projection: { _id: 1 } },
      ).lean();
      if (replaced) return;
    }
    const channelKey = `${platform}:${channelId}`;
    await this.create({ ...fields, channelKey, state: 'held', attempts: 0, notBefore: createdAt, heldAt: createdAt });
  });

  schema.static('heldAfter', async function heldAfter(this: OutboxMessageModel, channelKey: string, after: Date) {
    return (await this.exists({ channelKey, state: 'held', heldAt: { $gt: after } })) !== null;
  });

  schema.static('latestCard', function latestCard(this: OutboxMessageModel, channelKey: string, subject: string) {
    return this.findOne({ channelKey, subject, op: { $in: CARD_OPS }, state: { $ne: 'merged' } })
      .sort({ createdAt: -1, _id: -1 })
      .lean<OutboxMessage | null>();
  });

  schema.static('backlog', function backlog(this: OutboxMessageModel, channelKey: string) {
    return this.countDocuments({ channelKey, state: { $in: UNSENT }, priority: { $ne: 1 } });
  });

  schema.static('hasHeld', async function hasHeld(this: OutboxMessageModel, channelKey: string) {
    return (await this.exists({ channelKey, state: 'held' })) !== null;
  });

  schema.static('heldChannels', function heldChannels(this: OutboxMessageModel) {
    return this.distinct('channelKey', { state: 'held' });
  });

  schema.static(
    'heldSubjects',
    async function heldSubjects(this: OutboxMessageModel, channelKey: string, limit?: number) {
      const found = await this.aggregate<{ _id: string }>([
        { $match: { channelKey, state: 'held' } },
        { $group: { _id: '$subject', first: { $min: '$createdAt' } } },
        { $sort: { first: 1, _id: 1 } },
        ...(limit ? [{ $limit: limit }] : []),
      ]);
      return found.map((subject) => subject._id);
    },
  );

  schema.static('heldOf', function heldOf(this: OutboxMessageModel, channelKey: string, subject: string) {
    return this.find({ channelKey, subject, state: 'held' }).sort({ createdAt: 1, _id: 1 }).lean<OutboxMessage[]>();
  });

  schema.static('releaseHeld', async function releaseHeld(this: OutboxMessageModel, id: Types.ObjectId, now: Date) {
    const result = await this.updateOne({ _id: id, state: 'held' }, { $set: { state: 'pending', notBefore: now } });
    return result.modifiedCount === 1;
  });

  schema.static(
    'mergeHeld',
    async function mergeHeld(this: OutboxMessageModel, ids: readonly Types.ObjectId[], into: Types.ObjectId) {
      if (ids.length === 0) return 0;
      const result = await this.updateMany(
        { _id: { $in: [...ids] }, state: 'held' },
        { $set: { state: 'merged', mergedInto: into } },
      );
      return result.modifiedCount;
    },
  );

  schema.static('pendingDigest', function pendingDigest(this: OutboxMessageModel, channelKey: string) {
    return this.findOne({ channelKey, state: 'pending', priority: 1 })
      .sort({ createdAt: 1 })
      .lean<OutboxMessage | null>();
  });

  schema.static('heldSince', async function heldSince(this: OutboxMessageModel, channelKey: string, since: Date) {
    const filter = { channelKey, heldAt: { $gte: since } };
    const [held, subjects] = await Promise.all([this.countDocuments(filter), this.distinct('subject', filter)]);
    return { held, subjects: subjects.length };
  });
}
