// A period's satisfaction report (issue 15): the surveys sent in it, read once, then counted by
// report-numbers.ts. A period not over yet counts what was sent up to now.
import { CATEGORIES, SEVERITIES } from '../../../../models/incidents/incident.js';
import type { SurveyModel } from '../../../../models/surveys/survey.js';
import type { ReportPeriod } from './report-period.js';
import { reportNumbers, type ReportedSurvey, type ReportNumbers } from './report-numbers.js';

/** A report: its period and what was counted in it. */
export interface SurveyReport {
  period: ReportPeriod;
  numbers: ReportNumbers;
}

/** Reads the surveys sent in `period` (`[start, end)`) and counts them; one query. */
export async function surveyReport(surveys: SurveyModel, period: ReportPeriod): Promise<SurveyReport> {
  const found = await surveys
    .find(
      { sentAt: { $gte: period.start, $lt: period.end } },
      { shortId: 1, person: 1, incident: 1, sentAt: 1, answers: 1, comment: 1, answeredAt: 1 },
    )
    .sort({ sentAt: 1 })
    .lean<ReportedSurvey[]>();
  return { period, numbers: reportNumbers(found, CATEGORIES, SEVERITIES) };
}
