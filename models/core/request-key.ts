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

/**
 * Stores `key` as having made `result`. Answers undefined when it is ours; when the same request,
 * raced in by another process, stored it first, undoes ours (`undo`) and answers the winner's
 * result, which the caller then hands back as the repeat it is. Throws any other database error.
 */
export async function claimRequestKey(
  keys: RequestKeyModel,
  key: string,
  result: string,
  at: Date,
  undo: () => Promise<unknown>,
): Promise<string | undefined> {
  try {
    await keys.create({ _id: key, result, at });
    return undefined;
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
    await undo();
    const winner = await keys.findById(key).lean<RequestKey>();
    return winner!.result;
  }
}
