// The scheduled reports (issue 16): the daily digest at 09:00 in TIMEZONE, the weekly review on
// Monday at 09:00, the quarterly evaluation at 09:00 on a quarter's first day — each once per period
// whichever process runs first (a ReportRun claims it), and still the same day when Zhiban was not
// running at 09:00 (the catch-up job at start asks again). Past that day a missed report is not sent.
import type { Clock } from '../../../kernel/clock.js';
import { parseLocalDay, localDay } from '../../../kernel/calendar.js';
import type { ReportRunModel } from '../../../../models/reports/report-run.js';
import type { ReportKind, ReportSection } from '../../report-section.js';
import type { ReportAnnouncer } from '../announcer.js';
import { reportSubject } from '../announcer.js';
import { makeReport } from './report-maker.js';
import { dueAt, scheduledSpan } from './report-span.js';

/** A claim older than this and not done was made by a process that died making the report. */
export const CLAIM_STALE_MS = 10 * 60_000;

export interface ScheduledReportsDeps {
  runs: ReportRunModel;
  sections(): readonly ReportSection[];
  announcer: Pick<ReportAnnouncer, 'post'>;
  clock: Clock;
  timezone: string;
}

export class ScheduledReports {
  constructor(private readonly deps: ScheduledReportsDeps) {}

  /** Whether `kind` is due now: from 09:00 of the day it is sent until that day ends, in TIMEZONE. */
  isDue(kind: ReportKind, now: Date): boolean {
    const { timezone } = this.deps;
    const due = dueAt(kind, now, timezone);
    const dayEnd = parseLocalDay(localDay(due, timezone), timezone)!.end;
    return now.getTime() >= due.getTime() && now.getTime() < dayEnd.getTime();
  }

  /** Makes and posts `kind`'s report of the period just ended if it is due and nobody has; true when this call did. */
  async runIfDue(kind: ReportKind): Promise<boolean> {
    const { runs, sections, announcer, clock, timezone } = this.deps;
    const now = clock.now();
    if (!this.isDue(kind, now)) return false;
    const span = scheduledSpan(kind, now, timezone);
    const id = `${kind}:${span.label}`;
    if (!(await runs.claim(id, now, new Date(now.getTime() - CLAIM_STALE_MS)))) return false;
    const data = await makeReport(sections(), span);
    await announcer.post(data, reportSubject(data));
    await runs.done(id, clock.now());
    return true;
  }
}
