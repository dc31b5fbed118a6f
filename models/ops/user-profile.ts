// A person as Zhiban knows them: `platform:id`, chosen language, roles granted in chat, and the
// identity on another platform this one is linked to (`/ops link`), so roles follow the person.
import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const userProfileSchema = new Schema(
  {
    _id: { type: String, required: true },
    locale: { type: String, enum: ['zh-CN', 'en'], required: false },
    roles: { type: [String], default: [] },
    displayName: { type: String, required: false, maxlength: 200 },
    /** The key of the group's first identity; absent on that identity itself. */
    linkedTo: { type: String, required: false, maxlength: 100 },
  },
  { timestamps: true, versionKey: false },
);
userProfileSchema.index({ linkedTo: 1 }, { sparse: true });
userProfileSchema.index({ roles: 1 });

export type UserProfile = InferSchemaType<typeof userProfileSchema> & { _id: string };
export type UserProfileModel = Model<UserProfile>;

export function bindUserProfile(connection: Connection): UserProfileModel {
  return connection.model<UserProfile>('UserProfile', userProfileSchema, 'user_profiles');
}
