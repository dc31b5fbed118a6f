// A silence: label matchers and an end. Alerts it matches are still stored and counted, and their
// resolution is still announced; they are just not announced as firing. Expiry is a job's work
// (the embedded engine enforces no TTL), so `expired` is set explicitly, by the job or by a person.
import { Schema, type Connection, type Model } from 'mongoose';

export interface Matcher {
  name: string;
  value: string;
  /** `name=~value`: the value is a regular expression that must match the whole label value. */
  regex?: boolean;
}

export interface Silence {
  /** `SIL-3`, what `/alert unsilence` takes. */
  _id: string;
  matchers: Matcher[];
  /** The matchers in one canonical string; set only while active, so one set of matchers has one active silence. */
  activeKey?: string | null;
  createdBy: string;
  reason?: string;
  startsAt: Date;
  endsAt: Date;
  expired: boolean;
  /** Who ended it early, or `system` when it ran out. */
  expiredBy?: string;
  expiredAt?: Date;
  /** `ALG-40` when made from a card's button. */
  groupId?: string;
}

const matcherSchema = new Schema<Matcher>(
  {
    name: { type: String, required: true, maxlength: 128 },
    value: { type: String, required: true, maxlength: 1024 },
    regex: Boolean,
  },
  { _id: false },
);

const silenceSchema = new Schema<Silence>(
  {
    _id: { type: String, required: true },
    matchers: { type: [matcherSchema], required: true },
    activeKey: String,
    createdBy: { type: String, required: true },
    reason: { type: String, maxlength: 500 },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    expired: { type: Boolean, default: false },
    expiredBy: String,
    expiredAt: Date,
    groupId: String,
  },
  { versionKey: false },
);
silenceSchema.index({ expired: 1, endsAt: 1 });
silenceSchema.index({ activeKey: 1 }, { unique: true, sparse: true });

export type SilenceModel = Model<Silence>;

export function bindSilence(connection: Connection): SilenceModel {
  return connection.model<Silence>('Silence', silenceSchema, 'silences');
}
