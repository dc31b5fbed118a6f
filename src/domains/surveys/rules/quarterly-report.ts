// The quarterly satisfaction report (issue 15; seed 7.3.3 "assessed periodically", 3.3.3 "a full
// evaluation every quarter"): at 09:00 on the first day of each quarter, in TIMEZONE, the previous
// quarter's report goes to the `reports` channel — once, whichever process runs the job first, and
// still that week if Zhiban was not running at 09:00.
import type { Clock } from '../../../kernel/clock.js';
import { localDay, parseLocalTime, periodOf } from '../../../kernel/calendar.js';
import type { SurveyModel } from '../../../../models/surveys/survey.js';
import type { SurveyReportRunModel } from '../../../../models/surveys/survey-report-run.js';
import { surveyReport, type SurveyReport } from './survey-report.js';

/** The time of day it is due, on a quarter's first day. */
export const QUARTERLY_AT = '09:00';
/** A report missed at that time (Zhiban not running) is still made within this long after. */
export const CATCH_UP_MS = 7 * 86_400_000;

export interface QuarterlyReportDeps {
  surveys: SurveyModel;
  runs: SurveyReportRunModel;
  /** Says the report (SurveyAnnouncer.report). */
  publish(report: SurveyReport): Promise<void>;
  clock: Clock;
  timezone: string;
}

/** Whether the quarterly report is due now, and making it once. */
export class QuarterlyReport {
  constructor(private readonly deps: QuarterlyReportDeps) {}

  /** When this quarter's report of the previous one is due: 09:00 on its first day. */
  dueAt(now: Date): Date {
    const { timezone } = this.deps;
    const quarter = periodOf('quarter', now, timezone);
    const parsed = parseLocalTime(`${localDay(quarter.start, timezone)}T${QUARTERLY_AT}`, timezone);
    return parsed.ok ? parsed.at : quarter.start;
  }

  /** Makes and says the previous quarter's report if it is due and nobody has; true when this call did. */
  async runIfDue(): Promise<boolean> {
    const { surveys, runs, publish, clock, timezone } = this.deps;
    const now = clock.now();
    const due = this.dueAt(now).getTime();
    if (now.getTime() < due || now.getTime() >= due + CATCH_UP_MS) return false;
    const previous = periodOf('quarter', now, timezone, -1);
    if (!(await runs.claim(`quarter:${previous.label}`, now))) return false;
    await publish(await surveyReport(surveys, { ...previous, unit: 'quarter', soFar: false }));
    return true;
  }
}
