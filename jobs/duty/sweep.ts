// The duty domain's job: one sweep every 30 seconds that opens the handovers due (one per team and
// handover time, whatever the processes), reminds the secondary and pm of handovers nobody took
// over within 15 minutes, pages the steps due of unacknowledged critical alert groups, and makes the pager gateway calls that are due (retries, calls whose
// process died). Each part is conditional per record, so overlapping sweeps change each once.
import type { Agenda } from 'agenda';
import type { Logger } from 'pino';

export const DUTY_SWEEP_JOB = 'duty.sweep';
export const DUTY_SWEEP_EVERY_MS = 30_000;

/** The parts of the sweep; each answers how many records it changed or calls it made. */
export interface DutySweepWork {
  openDue(): Promise<number>;
  remindDue(): Promise<number>;
  deliverDue(): Promise<number>;
  /** Pages the steps due of unacknowledged critical alert groups. */
  pageAlertsDue(): Promise<number>;
}

/** Defines and schedules the duty sweep (Agenda: one run at a time across processes). */
export class DutyJobs {
  constructor(
    private readonly agenda: Agenda,
    private readonly work: DutySweepWork,
    private readonly logger: Logger,
  ) {}

  /** Before `agenda.start()`: Agenda polls only for the names defined by then. */
  define(): void {
    this.agenda.define(
      DUTY_SWEEP_JOB,
      async () => {
        const opened = await this.work.openDue();
        const reminded = await this.work.remindDue();
        const alerts = await this.work.pageAlertsDue();
        const pages = await this.work.deliverDue();
        if (opened + reminded + alerts + pages > 0) this.logger.info({ opened, reminded, alerts, pages }, 'duty sweep');
      },
      { concurrency: 1, lockLifetime: 2 * 60_000 },
    );
  }

  /** `every()` upserts by name: one job whatever the number of starts and processes. */
  async schedule(): Promise<void> {
    await this.agenda.every(DUTY_SWEEP_EVERY_MS, DUTY_SWEEP_JOB);
  }
}
