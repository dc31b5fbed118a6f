// Failed console sign-ins per name and address, so guessing is slowed on every process alike.
// Only the latest few failure times are kept; the key is a hash, so no address is stored in clear.
import { Schema, type Connection, type Model } from 'mongoose';

export interface LoginAttempt {
  _id: string;
  /** The latest failures (at most the limit), oldest first. */
  failures: Date[];
  purgeAt: Date;
}

const loginAttemptSchema = new Schema<LoginAttempt>(
  {
    /** sha256 of `name|address`, hex. */
    _id: { type: String, required: true },
    failures: { type: [Date], default: [] },
    /** Housekeeping only: past this, the failures no longer count. */
    purgeAt: { type: Date, required: true },
  },
  { versionKey: false },
);
loginAttemptSchema.index({ purgeAt: 1 }, { expireAfterSeconds: 0 });

export type LoginAttemptModel = Model<LoginAttempt>;

export function bindLoginAttempt(connection: Connection): LoginAttemptModel {
  return connection.model<LoginAttempt>('LoginAttempt', loginAttemptSchema, 'login_attempts');
}
