// A channel's storm (src/notify/outbox-storms.ts): one document per channel, open while the channel
// holds its messages back behind a digest card. Kept in the database so every process holds and
// releases alike; each change is a conditional update, so only one process begins, refreshes or ends it.
import { Schema, type Connection, type Model } from 'mongoose';

export interface OutboxStorm {
  /** The channel: `platform:channelId`. */
  _id: string;
  platform: string;
  channelId: string;
  /** The kind whose message began the storm: its DigestSource writes the digest card. */
  kind: string;
  since: Date;
  /** Null while the storm lasts. */
  endedAt: Date | null;
  /** When a digest was last stored: the refresh of every process together keeps to the policy's pace. */
  digestAt: Date | null;
  /** When held messages were last let go: one process at a time, so two never release the same subjects. */
  releasedAt: Date | null;
}

const outboxStormSchema = new Schema<OutboxStorm, OutboxStormModel>(
  {
    _id: { type: String, required: true },
    platform: { type: String, required: true },
    channelId: { type: String, required: true, maxlength: 100 },
    kind: { type: String, required: true },
    since: { type: Date, required: true },
    endedAt: { type: Date, default: null },
    digestAt: { type: Date, default: null },
    releasedAt: { type: Date, default: null },
  },
  { versionKey: false },
);
outboxStormSchema.index({ endedAt: 1 });

export type StormFields = Pick<OutboxStorm, 'platform' | 'channelId' | 'kind' | 'since'>;

export interface OutboxStormModel extends Model<OutboxStorm> {
  /** The channel's storm, if one is on. */
  current(channelKey: string): Promise<OutboxStorm | null>;
  /** Begins the channel's storm unless one is on; answers the one that is on after. */
  begin(fields: StormFields): Promise<OutboxStorm>;
  /** Takes the turn to do `what` in `storm` if nobody did it in the last `everyMs`. */
  claim(storm: OutboxStorm, what: 'digestAt' | 'releasedAt', now: Date, everyMs: number): Promise<boolean>;
  /** Ends `storm`; false when another process ended it first. */
  end(storm: OutboxStorm, now: Date): Promise<boolean>;
}

outboxStormSchema.static('current', function current(this: OutboxStormModel, channelKey: string) {
  return this.findOne({ _id: channelKey, endedAt: null }).lean<OutboxStorm | null>();
});

outboxStormSchema.static('begin', async function begin(this: OutboxStormModel, fields: StormFields) {
  const _id = `${fields.platform}:${fields.channelId}`;
  const fresh = { ...fields, endedAt: null, digestAt: null, releasedAt: null };
  try {
    // Matches only an ended storm; with none, the upsert inserts, and the unique _id lets one process win.
    const began = await this.findOneAndUpdate(
      { _id, endedAt: { $ne: null } },
      { $set: fresh },
      { upsert: true, returnDocument: 'after' },
    ).lean<OutboxStorm>();
    if (began) return began;
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
  }
  const on = await this.findById(_id).lean<OutboxStorm>();
  if (!on) throw new Error(`storm of ${_id} vanished while it began`);
  return on;
});

outboxStormSchema.static(
  'claim',
  async function claim(
    this: OutboxStormModel,
    storm: OutboxStorm,
    what: 'digestAt' | 'releasedAt',
    now: Date,
    everyMs: number,
  ) {
    const due = new Date(now.getTime() - everyMs);
    const result = await this.updateOne(
      { _id: storm._id, since: storm.since, endedAt: null, $or: [{ [what]: null }, { [what]: { $lte: due } }] },
      { $set: { [what]: now } },
    );
    return result.modifiedCount === 1;
  },
);

outboxStormSchema.static('end', async function end(this: OutboxStormModel, storm: OutboxStorm, now: Date) {
  const result = await this.updateOne(
    { _id: storm._id, since: storm.since, endedAt: null },
    { $set: { endedAt: now } },
  );
  return result.modifiedCount === 1;
});

export function bindOutboxStorm(connection: Connection): OutboxStormModel {
  return connection.model<OutboxStorm, OutboxStormModel>('OutboxStorm', outboxStormSchema, 'outbox_storms');
}
