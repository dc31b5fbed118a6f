// One document per day the daily backup report was sent: the report job claims the day by making
// it, so several processes (or a job run twice) send one report a day.
import { Schema, type Connection, type Model } from 'mongoose';

export interface ReportDay {
  /** The day in TIMEZONE, `2026-11-20`. */
  _id: string;
  claimedAt: Date;
  /** Set once the report is stored in the outbox. */
  doneAt?: Date | null;
}

const reportDaySchema = new Schema<ReportDay>(
  {
    _id: { type: String, required: true },
    claimedAt: { type: Date, required: true },
    doneAt: Date,
  },
  { versionKey: false },
);

export type ReportDayModel = Model<ReportDay>;

export function bindReportDay(connection: Connection): ReportDayModel {
  return connection.model<ReportDay>('BackupReportDay', reportDaySchema, 'backup_report_days');
}
