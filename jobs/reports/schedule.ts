// The reports domain's jobs: the daily digest every day at 09:00, the weekly review on Mondays at
// 09:00, the quarterly evaluation at 09:00 on January, April, July and October 1st (all in
// TIMEZONE), and a catch-up run once at each start for a report missed earlier that day. Each
// report is claimed once per period (src/domains/reports/rules/scheduled-reports.ts), so any
// process may run these, and none twice.
import type { Agenda } from 'agenda';
import type { Logger } from 'pino';
import { REPORT_KINDS, type ReportKind } from '../../src/domains/report-section.js';

export const REPORT_JOBS: Record<ReportKind, string> = {
  daily: 'reports.daily',
  weekly: 'reports.weekly',
  quarterly: 'reports.quarterly',
};
export const REPORT_CATCH_UP_JOB = 'reports.catch_up';

const CRON: Record<ReportKind, string> = {
  daily: '0 9 * * *',
  weekly: '0 9 * * 1',
  quarterly: '0 9 1 1,4,7,10 *',
};
/** Charts of a quarter take seconds; well under this. */
const LOCK_LIFETIME_MS = 5 * 60_000;

/** Defines and schedules the report jobs on Agenda. */
export class ReportJobs {
  constructor(
    private readonly agenda: Agenda,
    private readonly runIfDue: (kind: ReportKind) => Promise<boolean>,
    private readonly timezone: string,
    private readonly logger: Logger,
  ) {}

  /** Before `agenda.start()`: Agenda polls only for the names defined by then. */
  define(): void {
    for (const kind of REPORT_KINDS) {
      this.agenda.define(REPORT_JOBS[kind], () => this.run([kind]), { concurrency: 1, lockLifetime: LOCK_LIFETIME_MS });
    }
    this.agenda.define(REPORT_CATCH_UP_JOB, () => this.run(REPORT_KINDS), {
      concurrency: 1,
      lockLifetime: LOCK_LIFETIME_MS,
    });
  }

  /** `every()` upserts by name, so each start (and each process) keeps one job per name; then the catch-up. */
  async schedule(): Promise<void> {
    for (const kind of REPORT_KINDS) {
      await this.agenda.every(CRON[kind], REPORT_JOBS[kind], undefined, { timezone: this.timezone });
    }
    await this.agenda.now(REPORT_CATCH_UP_JOB);
  }

  private async run(kinds: readonly ReportKind[]): Promise<void> {
    for (const kind of kinds) {
      if (await this.runIfDue(kind)) this.logger.info({ kind }, 'reports: scheduled report posted');
    }
  }
}
