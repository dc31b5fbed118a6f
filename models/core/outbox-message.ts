// The outbox: one document per thing Zhiban must say on one platform, stored before it is sent.
// Each channel is a queue ordered by createdAt; a sender takes its head with one conditional
// update, so a message is sent by one sender at a time, in order, on one process or many.
import { Schema, type Connection, type Model, type QueryFilter, type Types } from 'mongoose';
import { addHeldStatics, type HeldStatics } from './outbox-held.js';

/**
 * `post` and `edit`: the subject's card shown (stored as `post`; whether it is posted or edited in
 * place is decided when it is sent, from where the card is then: src/notify/message-delivery.ts);
 * `thread`: a line in the card's thread.
 */
export const OUTBOX_OPS = ['post', 'edit', 'thread'] as const;
export type OutboxOp = (typeof OUTBOX_OPS)[number];

/** `held`: stored during its channel's storm, not queued; `merged`: a held message folded into a later one. */
export const OUTBOX_STATES = ['pending', 'sending', 'sent', 'failed', 'held', 'merged'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export interface OutboxMessage {
  _id: Types.ObjectId;
  platform: string;
  channelId: string;
  /** `platform:channelId`, the queue this message waits in. */
  channelKey: string;
  /** What the message is about, e.g. `incident:INC-12`; its card is found by this. */
  subject: string;
  op: OutboxOp;
  /** The neutral Message of src/chat/card.ts. */
  message: object;
  state: OutboxState;
  attempts: number;
  notBefore: Date;
  lockedBy?: string;
  /** When the sender holding it last said it is still at work; older than the lock TTL means it died. */
  lockedAt?: Date;
  /**
   * When the latest attempt ended (began, while it is under way): the per-channel rate limit counts
   * these. The end, because the platform counts arrivals, and a request arrives before it is answered.
   */
  attemptAt?: Date;
  /**
   * An earlier attempt may have reached the platform unseen: its sender died during it (the
   * message was taken over), or it ended without a clear answer. The next attempt makes sure
   * before posting again (PostOptions.inDoubtSince), and its content is no longer replaced.
   */
  inDoubt?: boolean;
  createdAt: Date;
  sentAt?: Date;
  lastError?: string;
  /** When its channel's storm held it; kept after the release, so a storm's wishes can be counted. */
  heldAt?: Date;
  /** The message that carries a merged one's news: the subject's latest card, or a line summing up its thread. */
  mergedInto?: Types.ObjectId;
  /** 1 for a storm's digest card, which goes before the queue it sums up; absent for every other message. */
  priority?: number;
}

export type OutboxFields = Pick<OutboxMessage, 'platform' | 'channelId' | 'subject' | 'op' | 'message' | 'createdAt'> &
  Partial<Pick<OutboxMessage, '_id' | 'priority'>>;

const outboxMessageSchema = new Schema<OutboxMessage, OutboxMessageModel>(
  {
    platform: { type: String, required: true },
    channelId: { type: String, required: true, maxlength: 100 },
    channelKey: { type: String, required: true },
    subject: { type: String, required: true, maxlength: 200 },
    op: { type: String, required: true, enum: OUTBOX_OPS },
    message: { type: Schema.Types.Mixed, required: true },
    state: { type: String, required: true, enum: OUTBOX_STATES, default: 'pending' },
    attempts: { type: Number, required: true, default: 0 },
    notBefore: { type: Date, required: true },
    lockedBy: String,
    lockedAt: Date,
    attemptAt: Date,
    inDoubt: Boolean,
    createdAt: { type: Date, required: true },
    sentAt: Date,
    lastError: { type: String, maxlength: 300 },
    heldAt: Date,
    mergedInto: Schema.Types.ObjectId,
    priority: Number,
  },
  { versionKey: false, minimize: false },
);
// The head of a channel's queue, and the channels with due work.
outboxMessageSchema.index({ channelKey: 1, state: 1, notBefore: 1, createdAt: 1 });
outboxMessageSchema.index({ state: 1, notBefore: 1 });
// A channel's held messages and its backlog, oldest first.
outboxMessageSchema.index({ channelKey: 1, state: 1, createdAt: 1 });
// The attempts inside a channel's rate window.
outboxMessageSchema.index({ channelKey: 1, attemptAt: -1 });
// The unsent card of a subject, to replace instead of queueing another.
outboxMessageSchema.index({ subject: 1, platform: 1, state: 1 });
// Sent messages are history; real MongoDB drops them after a week (the embedded engine keeps them).
outboxMessageSchema.index({ sentAt: 1 }, { expireAfterSeconds: 7 * 24 * 3600 });

const UNSENT: OutboxState[] = ['pending', 'sending'];

export interface OutboxMessageModel extends Model<OutboxMessage>, HeldStatics {
  /** Stores a new message at the tail of its channel's queue. */
  enqueue(fields: OutboxFields): Promise<void>;
  /** Stores several at the tails of their channels' queues, in this order, in one write. */
  enqueueAll(all: readonly OutboxFields[]): Promise<void>;
  /**
   * Replaces the content of the subject's card if it is still waiting (the latest such, which is
   * sent last), and not perhaps shown already (inDoubt: what was shown is found, then the new
   * content follows as an edit); false when there is none.
   */
  replacePendingCard(fields: Pick<OutboxFields, 'platform' | 'channelId' | 'subject' | 'message'>): Promise<boolean>;
  /** Channels whose queue has something to send now, or a message whose sender died. */
  dueChannels(now: Date, staleBefore: Date): Promise<string[]>;
  /** The oldest unsent message of a channel: only it (or a storm's digest card) may be sent. */
  head(channelKey: string): Promise<OutboxMessage | null>;
  /** Takes `head` for `by` if nobody changed it since it was read; taking it from a dead sender marks it inDoubt. */
  claim(head: OutboxMessage, by: string, now: Date): Promise<OutboxMessage | null>;
  renewLock(id: Types.ObjectId, by: string, now: Date): Promise<void>;
  /** The latest `limit` attempts in a channel since `since`, newest first. */
  recentAttempts(channelKey: string, since: Date, limit: number): Promise<Date[]>;
  /** Ends the attempt of `by`: sent, back to pending (with its next time), or failed. */
  settle(id: Types.ObjectId, by: string, outcome: AttemptOutcome): Promise<boolean>;
  unsentCount(): Promise<number>;
}

export type AttemptOutcome = { at: Date } & (
  | { state: 'sent' }
  | { state: 'pending'; notBefore: Date; error: string; refundAttempt: boolean; inDoubt?: boolean }
  | { state: 'failed'; error: string }
);

outboxMessageSchema.static('enqueue', async function enqueue(this: OutboxMessageModel, fields: OutboxFields) {
  await this.create({
    ...fields,
    channelKey: `${fields.platform}:${fields.channelId}`,
    state: 'pending',
    attempts: 0,
    notBefore: fields.createdAt,
  });
});

outboxMessageSchema.static('enqueueAll', async function enqueueAll(this: OutboxMessageModel, all: OutboxFields[]) {
  if (all.length === 0) return;
  await this.insertMany(
    all.map((fields) => ({
      ...fields,
      channelKey: `${fields.platform}:${fields.channelId}`,
      state: 'pending',
      attempts: 0,
      notBefore: fields.createdAt,
    })),
  );
});

outboxMessageSchema.static(
  'replacePendingCard',
  async function replacePendingCard(
    this: OutboxMessageModel,
    { platform, channelId, subject, message }: Pick<OutboxFields, 'platform' | 'channelId' | 'subject' | 'message'>,
  ): Promise<boolean> {
    // The latest waiting one: two stores at once can both queue a card (while the one before is
    // being sent), and the content must land in the one that goes last.
    const replaced = await this.findOneAndUpdate(
      { subject, platform, channelId, state: 'pending', op: { $in: ['post', 'edit'] }, inDoubt: { $ne: true } },
      { $set: { message } },
      { projection: { _id: 1 }, sort: { createdAt: -1, _id: -1 } },
    ).lean();
    return replaced !== null;
  },
);

outboxMessageSchema.static(
  'dueChannels',
  async function dueChannels(this: OutboxMessageModel, now: Date, staleBefore: Date): Promise<string[]> {
    return this.distinct('channelKey', {
      $or: [
        { state: 'pending', notBefore: { $lte: now } },
        { state: 'sending', lockedAt: { $lt: staleBefore } },
      ],
    });
  },
);

outboxMessageSchema.static('head', function head(this: OutboxMessageModel, channelKey: string) {
  return this.findOne({ channelKey, state: { $in: UNSENT } })
    .sort({ createdAt: 1, _id: 1 })
    .lean<OutboxMessage | null>();
});

outboxMessageSchema.static(
  'claim',
  function claim(this: OutboxMessageModel, head: OutboxMessage, by: string, now: Date) {
    // Matching the lock as read makes taking over a dead sender's message a race only one can win.
    const unchanged: QueryFilter<OutboxMessage> =
      head.state === 'pending'
        ? { _id: head._id, state: 'pending' }
        : { _id: head._id, state: 'sending', lockedBy: head.lockedBy, lockedAt: head.lockedAt };
    // A dead sender's attempt may have reached the platform before it could say so.
    const takeover = head.state === 'sending' ? { inDoubt: true } : {};
    return this.findOneAndUpdate(
      unchanged,
      { $set: { state: 'sending', lockedBy: by, lockedAt: now, attemptAt: now, ...takeover }, $inc: { attempts: 1 } },
      { returnDocument: 'after' },
    ).lean<OutboxMessage | null>();
  },
);

outboxMessageSchema.static(
  'renewLock',
  async function renewLock(this: OutboxMessageModel, id: Types.ObjectId, by: string, now: Date) {
    await this.updateOne({ _id: id, state: 'sending', lockedBy: by }, { $set: { lockedAt: now } });
  },
);

outboxMessageSchema.static(
  'recentAttempts',
  async function recentAttempts(this: OutboxMessageModel, channelKey: string, since: Date, limit: number) {
    const recent = await this.find({ channelKey, attemptAt: { $gt: since } }, { attemptAt: 1 })
      .sort({ attemptAt: -1 })
      .limit(limit)
      .lean<Array<Pick<OutboxMessage, 'attemptAt'>>>();
    return recent.map((m) => m.attemptAt!);
  },
);

outboxMessageSchema.static(
  'settle',
  async function settle(this: OutboxMessageModel, id: Types.ObjectId, by: string, outcome: AttemptOutcome) {
    const unlock = { lockedBy: 1 } as const;
    const update =
      outcome.state === 'sent'
        ? { $set: { state: 'sent', sentAt: outcome.at, attemptAt: outcome.at }, $unset: { ...unlock, lastError: 1 } }
        : outcome.state === 'pending'
          ? {
              $set: {
                state: 'pending',
                notBefore: outcome.notBefore,
                lastError: outcome.error,
                attemptAt: outcome.at,
                ...(outcome.inDoubt ? { inDoubt: true } : {}),
              },
              $unset: unlock,
              ...(outcome.refundAttempt ? { $inc: { attempts: -1 } } : {}),
            }
          : { $set: { state: 'failed', lastError: outcome.error, attemptAt: outcome.at }, $unset: unlock };
    const result = await this.updateOne({ _id: id, state: 'sending', lockedBy: by }, update);
    return result.modifiedCount === 1;
  },
);

outboxMessageSchema.static('unsentCount', function unsentCount(this: OutboxMessageModel) {
  return this.countDocuments({ state: { $in: UNSENT } });
});

addHeldStatics(outboxMessageSchema);

export function bindOutboxMessage(connection: Connection): OutboxMessageModel {
  return connection.model<OutboxMessage, OutboxMessageModel>('OutboxMessage', outboxMessageSchema, 'outbox_messages');
}
