// A signed-in browser. The cookie holds a random token; only its sha256 is stored, so a copy of
// the database signs nobody in. Expiry is checked on every request (the embedded engine ignores TTL).
import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const webSessionSchema = new Schema(
  {
    /** sha256 of the cookie's token, hex. */
    _id: { type: String, required: true },
    user: { type: String, required: true, maxlength: 64 },
    /** Opened in trial mode (by name only): worthless once a password is configured. */
    trial: { type: Boolean, required: true },
    createdAt: { type: Date, required: true },
    seenAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
webSessionSchema.index({ user: 1 });
webSessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type WebSession = InferSchemaType<typeof webSessionSchema> & { _id: string };
export type WebSessionModel = Model<WebSession>;

export function bindWebSession(connection: Connection): WebSessionModel {
  return connection.model<WebSession>('WebSession', webSessionSchema, 'web_sessions');
}
