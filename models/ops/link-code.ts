// A one-time code that links a person's identity on one platform to another (`/ops link`).
// Only the code's hash is stored; it is good for ten minutes and once.
import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const linkCodeSchema = new Schema(
  {
    /** sha256 of the normalised code. */
    _id: { type: String, required: true },
    owner: { type: String, required: true, maxlength: 100 },
    createdAt: { type: Date, required: true },
    /** Enforced by the redeeming query, not by TTL: the embedded engine ignores TTL indexes. */
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, required: false },
    usedBy: { type: String, required: false, maxlength: 100 },
    /** Housekeeping only; kept a day past expiry so a reused code is still told apart from a wrong one. */
    purgeAt: { type: Date, required: true },
  },
  { versionKey: false },
);
linkCodeSchema.index({ owner: 1 });
linkCodeSchema.index({ purgeAt: 1 }, { expireAfterSeconds: 0 });

export type LinkCode = InferSchemaType<typeof linkCodeSchema> & { _id: string };
export type LinkCodeModel = Model<LinkCode>;

export function bindLinkCode(connection: Connection): LinkCodeModel {
  return connection.model<LinkCode>('LinkCode', linkCodeSchema, 'link_codes');
}
