// Which scheduled reports have been made (the quarterly one, seed 7.3.3): inserting the period's
// document is the claim, so with several processes the report is made once.
import { Schema, type Connection, type Model } from 'mongoose';

export interface SurveyReportRun {
  /** `quarter:2026-Q4` */
  _id: string;
  at: Date;
}

const surveyReportRunSchema = new Schema<SurveyReportRun, SurveyReportRunModel>(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { versionKey: false },
);

export interface SurveyReportRunModel extends Model<SurveyReportRun> {
  /** True for the one caller that records `id` first; false for every other, on any process. */
  claim(id: string, at: Date): Promise<boolean>;
}

surveyReportRunSchema.static('claim', async function claim(this: SurveyReportRunModel, id: string, at: Date) {
  try {
    await this.create({ _id: id, at });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
});

export function bindSurveyReportRun(connection: Connection): SurveyReportRunModel {
  return connection.model<SurveyReportRun, SurveyReportRunModel>(
    'SurveyReportRun',
    surveyReportRunSchema,
    'survey_report_runs',
  );
}
