// The surveys domain's jobs: a sweep every minute that sends the reminders due and closes the
// surveys whose week is over, and an hourly look at whether the quarterly report is due (it is made
// at 09:00 on a quarter's first day). The due times live in the surveys themselves and each survey
// and report is claimed with a conditional write, so any process may run these, and none twice.
import type { Agenda } from 'agenda';
import type { Logger } from 'pino';

export const SURVEY_SWEEP_JOB = 'survey.sweep';
export const SURVEY_QUARTERLY_JOB = 'survey.quarterly_report';
const SWEEP_EVERY_MS = 60_000;
/** Every hour on the hour, in TIMEZONE: the quarterly report is due at 09:00. */
const EVERY_HOUR = '0 * * * *';
const LOCK_LIFETIME_MS = 5 * 60_000;

export interface SurveyJobWork {
  remindDue(): Promise<number>;
  closeDue(): Promise<number>;
  forgetOldAttempts(): Promise<number>;
  quarterlyIfDue(): Promise<boolean>;
}

/** Defines and schedules the sweep and the quarterly check on Agenda. */
export class SurveyJobs {
  constructor(
    private readonly agenda: Agenda,
    private readonly work: SurveyJobWork,
    private readonly timezone: string,
    private readonly logger: Logger,
  ) {}

  /** Before `agenda.start()`: Agenda polls only for the names defined by then. */
  define(): void {
    this.agenda.define(
      SURVEY_SWEEP_JOB,
      async () => {
        const reminded = await this.work.remindDue();
        const closed = await this.work.closeDue();
        await this.work.forgetOldAttempts();
        if (reminded + closed > 0) this.logger.info({ reminded, closed }, 'surveys: reminded and closed');
      },
      { concurrency: 1, lockLifetime: LOCK_LIFETIME_MS },
    );
    this.agenda.define(
      SURVEY_QUARTERLY_JOB,
      async () => {
        if (await this.work.quarterlyIfDue()) this.logger.info('surveys: quarterly report made');
      },
      { concurrency: 1, lockLifetime: LOCK_LIFETIME_MS },
    );
  }

  /** `every()` upserts by name, so each start (and each process) keeps one job per name. */
  async schedule(): Promise<void> {
    await this.agenda.every(SWEEP_EVERY_MS, SURVEY_SWEEP_JOB);
    await this.agenda.every(EVERY_HOUR, SURVEY_QUARTERLY_JOB, undefined, { timezone: this.timezone });
  }
}
