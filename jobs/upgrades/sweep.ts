// The upgrades domain's job: one sweep every 30 seconds that says the reminders due (24 h and 1 h
// before a window, its opening, the overrun every 15 minutes) and expires high-risk drafts whose
// window started before a pm approved them. The due times live in the upgrades and each is claimed
// with a conditional write, so any process may run it, and nothing is said twice.
import type { Agenda } from 'agenda';
import type { Logger } from 'pino';

export const UPGRADE_SWEEP_JOB = 'upgrade.sweep';
/** A reminder goes out within half a minute of its time. */
export const UPGRADE_SWEEP_EVERY_MS = 30_000;
const LOCK_LIFETIME_MS = 5 * 60_000;

export interface UpgradeSweepWork {
  remindDue(): Promise<number>;
  expireDue(): Promise<number>;
}

export class UpgradeJobs {
  constructor(
    private readonly agenda: Agenda,
    private readonly work: UpgradeSweepWork,
    private readonly logger: Logger,
  ) {}

  /** Before `agenda.start()`: Agenda polls only for the names defined by then. */
  define(): void {
    this.agenda.define(
      UPGRADE_SWEEP_JOB,
      async () => {
        const reminded = await this.work.remindDue();
        const expired = await this.work.expireDue();
        if (reminded + expired > 0) this.logger.info({ reminded, expired }, 'upgrade sweep');
      },
      { concurrency: 1, lockLifetime: LOCK_LIFETIME_MS },
    );
  }

  /** `every()` upserts by name: one job whatever the number of starts and processes. */
  async schedule(): Promise<void> {
    await this.agenda.every(UPGRADE_SWEEP_EVERY_MS, UPGRADE_SWEEP_JOB);
  }
}
