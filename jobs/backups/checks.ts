// The backups domain's jobs: the check sweep (every system × scope and storage, once a minute), and
// the daily report at 09:00 in TIMEZONE.
//
// One recurring sweep, as the alert flush: Agenda's lock runs one at a time across processes, and
// what a sweep says is recorded per finding against the revision it read
// (src/domains/backups/rules/finding-sync.ts), so two sweeps that overlap (a lock taken over) say a
// finding once. The report claims its day, so it goes out once a day whatever runs it.
import type { Agenda } from 'agenda';
import type { Logger } from 'pino';
import type { Clock } from '../../src/kernel/clock.js';

export const CHECK_JOB = 'backup.checks';
export const REPORT_JOB = 'backup.report';
/** The issue: the checks run at least once a minute. */
export const CHECK_EVERY_MS = 60_000;
/** Seed 6.1 / issue 12: the daily report at 09:00, in the team's time zone. */
export const REPORT_CRON = '0 9 * * *';
const LOCK_LIFETIME_MS = 5 * 60_000;

export interface BackupWork {
  sweep(): Promise<number>;
  dailyReport(): Promise<boolean>;
}

export class BackupJobs {
  constructor(
    private readonly agenda: Agenda,
    private readonly work: BackupWork,
    private readonly timezone: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Before `agenda.start()`: Agenda polls only for the names defined by then. */
  define(): void {
    this.agenda.define(
      CHECK_JOB,
      async () => {
        const said = await this.work.sweep();
        if (said > 0) this.logger.info({ said }, 'backup checks raised or resolved findings');
      },
      // A sweep of thousands of systems takes a second or two; a process that dies holding it must
      // not stop the checks for Agenda's default ten minutes.
      { concurrency: 1, lockLifetime: LOCK_LIFETIME_MS },
    );
    this.agenda.define(
      REPORT_JOB,
      async () => {
        if (await this.work.dailyReport()) this.logger.info('daily backup report sent');
      },
      { concurrency: 1, lockLifetime: LOCK_LIFETIME_MS },
    );
  }

  /** `every()` upserts by name, so each start (and each process) keeps one job per name. */
  async schedule(): Promise<void> {
    await this.agenda.every(CHECK_EVERY_MS, CHECK_JOB);
    // A report that fell due while no process ran stays due, so Agenda sends it now: every() would
    // move it on to tomorrow's 09:00 and that day would have none.
    const { jobs } = await this.agenda.queryJobs({ name: REPORT_JOB, limit: 1 });
    const job = jobs[0];
    const overdue =
      job?.nextRunAt !== undefined &&
      job.nextRunAt !== null &&
      new Date(job.nextRunAt) <= this.clock.now() &&
      job.repeatInterval === REPORT_CRON &&
      job.repeatTimezone === this.timezone;
    if (!overdue) {
      await this.agenda.every(REPORT_CRON, REPORT_JOB, undefined, { timezone: this.timezone, skipImmediate: true });
    }
  }
}
