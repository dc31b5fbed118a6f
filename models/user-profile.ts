// A person as Zhiban knows them: `platform:id`, chosen language, roles granted in chat.
import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const userProfileSchema = new Schema(
  {
    _id: { type: String, required: true },
    locale: { type: String, enum: ['zh-CN', 'en'], required: false },
    roles: { type: [String], default: [] },
    displayName: { type: String, required: false, maxlength: 200 },
  },
  { timestamps: true, versionKey: false },
);

export type UserProfile = InferSchemaType<typeof userProfileSchema> & { _id: string };
export type UserProfileModel = Model<UserProfile>;

export function bindUserProfile(connection: Connection): UserProfileModel {
  return connection.model<UserProfile>('UserProfile', userProfileSchema, 'user_profiles');
}
