// The language a Slack or Discord channel is spoken to in (`/ops lang channel <locale>`): its cards,
// thread lines and digests. A channel without one gets the team's (DEFAULT_LOCALE).
import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const channelLanguageSchema = new Schema(
  {
    platform: { type: String, required: true, enum: ['slack', 'discord', 'web', 'feishu'] },
    channelId: { type: String, required: true, maxlength: 100 },
    locale: { type: String, required: true, maxlength: 10 },
    setBy: { type: String, required: true, maxlength: 200 },
    setAt: { type: Date, required: true },
  },
  { versionKey: false },
);
channelLanguageSchema.index({ platform: 1, channelId: 1 }, { unique: true });

export type ChannelLanguage = InferSchemaType<typeof channelLanguageSchema>;
export type ChannelLanguageModel = Model<ChannelLanguage>;

export function bindChannelLanguage(connection: Connection): ChannelLanguageModel {
  return connection.model<ChannelLanguage>('ChannelLanguage', channelLanguageSchema, 'channel_languages');
}
