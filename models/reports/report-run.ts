// Which scheduled reports have been made: inserting the period's document (`daily:2026-12-01`,
// `weekly:2026-W48`, `quarterly:2026-Q4`) is the claim, so with several processes, or a job run
// again after a restart, each report is made once.
import { Schema, type Connection, type Model } from 'mongoose';

export interface ReportRun {
  /** `<kind>:<period label>` */
  _id: string;
  claimedAt: Date;
  /** Set once the report is stored in the outbox (absent: the claimer died while making it). */
  doneAt?: Date;
}

const reportRunSchema = new Schema<ReportRun, ReportRunModel>(
  { _id: { type: String, required: true }, claimedAt: { type: Date, required: true }, doneAt: Date },
  { versionKey: false },
);

export interface ReportRunModel extends Model<ReportRun> {
  /**
   * True for the one caller that records `id` first, or that takes over a claim made before
   * `staleBefore` and never done (its process died while making the report); false otherwise.
   */
  claim(id: string, at: Date, staleBefore: Date): Promise<boolean>;
  /** Marks `id` made. */
  done(id: string, at: Date): Promise<void>;
}

reportRunSchema.static(
  'claim',
  async function claim(this: ReportRunModel, id: string, at: Date, staleBefore: Date): Promise<boolean> {
    try {
      await this.create({ _id: id, claimedAt: at });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    // One conditional update: of several processes finding the same dead claim, one takes it.
    const taken = await this.updateOne(
      { _id: id, doneAt: { $exists: false }, claimedAt: { $lt: staleBefore } },
      { $set: { claimedAt: at } },
    );
    return taken.modifiedCount === 1;
  },
);

reportRunSchema.static('done', async function done(this: ReportRunModel, id: string, at: Date) {
  await this.updateOne({ _id: id }, { $set: { doneAt: at } });
});

export function bindReportRun(connection: Connection): ReportRunModel {
  return connection.model<ReportRun, ReportRunModel>('ReportRun', reportRunSchema, 'report_runs');
}
