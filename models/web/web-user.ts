// A person who signs in to the web console with a password (`web:<name>`). Only the password's
// argon2id hash is stored; roles live in the user profile like everyone else's.
import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const webUserSchema = new Schema(
  {
    /** The name, lower case: `alice` is `web:alice`. */
    _id: { type: String, required: true, maxlength: 64 },
    passwordHash: { type: String, required: true, maxlength: 200 },
    createdBy: { type: String, required: true, maxlength: 100 },
    createdAt: { type: Date, required: true },
    passwordSetAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export type WebUser = InferSchemaType<typeof webUserSchema> & { _id: string };
export type WebUserModel = Model<WebUser>;

export function bindWebUser(connection: Connection): WebUserModel {
  return connection.model<WebUser>('WebUser', webUserSchema, 'web_users');
}
