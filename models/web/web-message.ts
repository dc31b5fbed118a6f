// What the web console shows: every message Zhiban said in a web channel, kept so a reload shows
// history and every process can stream it. A message is re-read by `updatedAt`, so a browser served
// by one process sees what another process wrote; `version` tells an edit from what it replaces.
import { Schema, type Connection, type Model } from 'mongoose';

export interface WebMessage {
  messageId: string;
  channelId: string;
  /** The card this message answers, shown under it. */
  thread?: string;
  /** `web:alice`: only she sees it (a private reply). Absent: everyone who sees the channel. */
  audience?: string;
  /** `web:alice` when it is what she typed (her command, echoed to her); absent when Zhiban said it. */
  author?: string;
  /** In a person's direct messages: the channel the private message was first shown in (a copy kept here). */
  origin?: string;
  /** The neutral Message of src/chat/card.ts. */
  message: object;
  version: number;
  /**
   * Every button the message has offered since it was posted, as `action:subject` (`incident.ack:INC-12`):
   * a click from the card as someone saw it before an edit is still one it offered.
   */
  offered?: string[];
  createdAt: Date;
  updatedAt: Date;
}

const webMessageSchema = new Schema<WebMessage, WebMessageModel>(
  {
    messageId: { type: String, required: true, maxlength: 64 },
    channelId: { type: String, required: true, maxlength: 100 },
    thread: { type: String, maxlength: 64 },
    audience: { type: String, maxlength: 100 },
    author: { type: String, maxlength: 100 },
    origin: { type: String, maxlength: 100 },
    message: { type: Schema.Types.Mixed, required: true },
    version: { type: Number, required: true, default: 1 },
    offered: { type: [String], default: undefined },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
webMessageSchema.index({ messageId: 1 }, { unique: true });
// A channel's latest cards, and the replies under them.
webMessageSchema.index({ channelId: 1, thread: 1, createdAt: -1 });
webMessageSchema.index({ thread: 1, createdAt: 1 });
// What changed since a browser last looked.
webMessageSchema.index({ updatedAt: 1 });

export type WebMessageFields = Pick<
  WebMessage,
  'messageId' | 'channelId' | 'thread' | 'audience' | 'author' | 'origin' | 'message' | 'offered'
>;

export interface WebMessageModel extends Model<WebMessage> {
  add(fields: WebMessageFields, at: Date): Promise<WebMessage>;
  /** Adds the message unless one with its messageId is there already; answers whichever is stored. */
  addOnce(fields: WebMessageFields, at: Date): Promise<WebMessage>;
  /** Replaces the content of a message; null when there is no such message. */
  replace(messageId: string, message: object, at: Date, offered?: string[]): Promise<WebMessage | null>;
  /** Everything written at or after `since`, oldest first. */
  changedSince(since: Date, limit: number): Promise<WebMessage[]>;
}

webMessageSchema.static('add', async function add(this: WebMessageModel, fields: WebMessageFields, at: Date) {
  const created = await this.create({ ...fields, version: 1, createdAt: at, updatedAt: at });
  return created.toObject<WebMessage>();
});

webMessageSchema.static(
  'addOnce',
  async function addOnce(this: WebMessageModel, { messageId, ...rest }: WebMessageFields, at: Date) {
    const upsert = () =>
      this.findOneAndUpdate(
        { messageId },
        { $setOnInsert: { ...rest, version: 1, createdAt: at, updatedAt: at } },
        { upsert: true, returnDocument: 'after', runValidators: true },
      ).lean<WebMessage>();
    try {
      return await upsert();
    } catch (error) {
      // Two inserts at once: the unique index let one through; the other now finds it.
      if ((error as { code?: unknown }).code !== 11000) throw error;
      return await upsert();
    }
  },
);

webMessageSchema.static(
  'replace',
  function replace(this: WebMessageModel, messageId: string, message: object, at: Date, offered: string[] = []) {
    return this.findOneAndUpdate(
      { messageId },
      {
        $set: { message, updatedAt: at },
        $inc: { version: 1 },
        ...(offered.length > 0 ? { $addToSet: { offered: { $each: offered } } } : {}),
      },
      { returnDocument: 'after' },
    ).lean<WebMessage | null>();
  },
);

webMessageSchema.static('changedSince', function changedSince(this: WebMessageModel, since: Date, limit: number) {
  return this.find({ updatedAt: { $gte: since } })
    .sort({ updatedAt: 1, _id: 1 })
    .limit(limit)
    .lean<WebMessage[]>();
});

export function bindWebMessage(connection: Connection): WebMessageModel {
  return connection.model<WebMessage, WebMessageModel>('WebMessage', webMessageSchema, 'web_messages');
}
