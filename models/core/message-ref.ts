// Where a subject's card (incident:INC-12) lives on each platform, so it is edited in place and
// its updates go to its thread. Written by the outbox sender after the platform said where.
import { Schema, type Connection, type Model } from 'mongoose';

export interface MessageRef {
  platform: string;
  subject: string;
  channelId: string;
  /** Slack `ts`, Discord message id. */
  messageId: string;
  /** Discord: the thread channel opened under the card, once there is one. */
  threadId?: string;
  updatedAt: Date;
}

const messageRefSchema = new Schema<MessageRef, MessageRefModel>(
  {
    platform: { type: String, required: true },
    subject: { type: String, required: true, maxlength: 200 },
    channelId: { type: String, required: true, maxlength: 100 },
    messageId: { type: String, required: true, maxlength: 100 },
    threadId: { type: String, maxlength: 100 },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
messageRefSchema.index({ platform: 1, subject: 1 }, { unique: true });

export interface MessageRefModel extends Model<MessageRef> {
  lookup(platform: string, subject: string): Promise<MessageRef | null>;
  /** The subject's card is now this message (a new card forgets the old card's thread). */
  remember(platform: string, subject: string, card: { channelId: string; messageId: string }, at: Date): Promise<void>;
  /** Keeps the thread opened under the card, unless the card was replaced meanwhile. */
  rememberThread(platform: string, subject: string, messageId: string, threadId: string): Promise<void>;
}

messageRefSchema.static('lookup', function lookup(this: MessageRefModel, platform: string, subject: string) {
  return this.findOne({ platform, subject }).lean<MessageRef | null>();
});

messageRefSchema.static(
  'remember',
  async function remember(
    this: MessageRefModel,
    platform: string,
    subject: string,
    card: { channelId: string; messageId: string },
    at: Date,
  ) {
    await this.updateOne(
      { platform, subject },
      { $set: { channelId: card.channelId, messageId: card.messageId, updatedAt: at }, $unset: { threadId: 1 } },
      { upsert: true },
    );
  },
);

messageRefSchema.static(
  'rememberThread',
  async function rememberThread(
    this: MessageRefModel,
    platform: string,
    subject: string,
    messageId: string,
    threadId: string,
  ) {
    await this.updateOne({ platform, subject, messageId }, { $set: { threadId } });
  },
);

export function bindMessageRef(connection: Connection): MessageRefModel {
  return connection.model<MessageRef, MessageRefModel>('MessageRef', messageRefSchema, 'message_refs');
}
