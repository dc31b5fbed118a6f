// One call to the organisation's SMS or voice gateway (PAGER_WEBHOOK_URL), stored before it is made:
// claimed by one process per attempt, retried with back-off on 5xx or no answer, never made again
// after a 2xx. Its id is the Idempotency-Key the gateway receives.
import { Schema, type Connection, type Model } from 'mongoose';

export const PAGER_CALL_STATES = ['waiting', 'sending', 'delivered', 'refused', 'given_up'] as const;
export type PagerCallState = (typeof PAGER_CALL_STATES)[number];

export interface PagerCall {
  /** `<page id>:<person>`: one call per person per escalation step. */
  _id: string;
  person: string;
  /** What the page is about, for the gateway's message. */
  what: string;
  severity: string;
  link?: string;
  state: PagerCallState;
  attempts: number;
  nextAt: Date;
  claimedAt?: Date;
  /** No 2xx by then: given up. */
  deadline: Date;
  lastStatus?: number;
  createdAt: Date;
}

const pagerCallSchema = new Schema<PagerCall>(
  {
    _id: { type: String, required: true },
    person: { type: String, required: true },
    what: { type: String, required: true, maxlength: 500 },
    severity: { type: String, required: true },
    link: String,
    state: { type: String, required: true, enum: PAGER_CALL_STATES },
    attempts: { type: Number, default: 0 },
    nextAt: { type: Date, required: true },
    claimedAt: Date,
    deadline: { type: Date, required: true },
    lastStatus: Number,
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
pagerCallSchema.index({ state: 1, nextAt: 1 });

export type PagerCallModel = Model<PagerCall>;

/** The pager gateway calls (`duty_pager_calls`) on `connection`. */
export function bindPagerCall(connection: Connection): PagerCallModel {
  return connection.model<PagerCall>('DutyPagerCall', pagerCallSchema, 'duty_pager_calls');
}
