// Idempotency keys: the platform's id of one request (Slack trigger_id, Discord interaction id),
// stored once, so a retried request returns what the first one made instead of making it twice.
import { Schema, type Connection, type Model } from 'mongoose';

export interface RequestKey {
  _id: string;
  result: string;
  at: Date;
}

const requestKeySchema = new Schema<RequestKey>(
  {
    _id: { type: String, required: true },
    result: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

export type RequestKeyModel = Model<RequestKey>;

export function bindRequestKey(connection: Connection): RequestKeyModel {
  return connection.model<RequestKey>('RequestKey', requestKeySchema, 'request_keys');
}
