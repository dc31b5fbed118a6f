// Which channel is the home of which kind of message, per platform.
import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const channelBindingSchema = new Schema(
  {
    platform: { type: String, required: true, enum: ['slack', 'discord', 'web', 'feishu'] },
    kind: { type: String, required: true },
    channelId: { type: String, required: true, maxlength: 100 },
    channelName: { type: String, required: false, maxlength: 200 },
    setBy: { type: String, required: true },
    setAt: { type: Date, required: true },
  },
  { versionKey: false },
);
channelBindingSchema.index({ platform: 1, kind: 1 }, { unique: true });

export type ChannelBinding = InferSchemaType<typeof channelBindingSchema>;
export type ChannelBindingModel = Model<ChannelBinding>;

export function bindChannelBinding(connection: Connection): ChannelBindingModel {
  return connection.model<ChannelBinding>('ChannelBinding', channelBindingSchema, 'channel_bindings');
}
