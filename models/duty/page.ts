// The durable record of one escalation step (issue 17, "each step pages its people once"): made
// once per subject and step (`incident:INC-3:1`), before anyone is paged; a job run again after a
// crash finds it and pages nobody a second time.
import { Schema, type Connection, type Model } from 'mongoose';

export interface DutyPage {
  /** `<subject>:<step>`, e.g. `incident:INC-3:0`. */
  _id: string;
  subject: string;
  step: number;
  team: string;
  /** Who this step pages (identity keys); empty when the roster has nobody on duty. */
  to: string[];
  /** `primary`, `secondary` or `pm`. */
  level: string;
  at: Date;
}

const pageSchema = new Schema<DutyPage>(
  {
    _id: { type: String, required: true },
    subject: { type: String, required: true },
    step: { type: Number, required: true },
    team: { type: String, required: true },
    to: { type: [String], default: [] },
    level: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

export type DutyPageModel = Model<DutyPage>;

/** The escalation-step records (`duty_pages`) on `connection`. */
export function bindDutyPage(connection: Connection): DutyPageModel {
  return connection.model<DutyPage>('DutyPage', pageSchema, 'duty_pages');
}
