// Where a subject's card (incident:INC-12) lives on each platform, so it is edited in place
// and its updates go to its thread.
import { Schema, type Connection, type Model } from 'mongoose';

export interface CardRef {
  _id: string;
  platform: string;
  subject: string;
  channelId: string;
  messageId: string;
}

const cardRefSchema = new Schema<CardRef>(
  {
    _id: { type: String, required: true },
    platform: { type: String, required: true },
    subject: { type: String, required: true },
    channelId: { type: String, required: true },
    messageId: { type: String, required: true },
  },
  { versionKey: false },
);

export type CardRefModel = Model<CardRef>;

export function bindCardRef(connection: Connection): CardRefModel {
  return connection.model<CardRef>('CardRef', cardRefSchema, 'card_refs');
}
