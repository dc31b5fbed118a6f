// The restores domain's job: one sweep every ten seconds that expires requests past their
// deadline, makes the executor calls that are due (first calls missed by a process that died,
// retries, attempts whose process died) and links the incident of a failed verification whose
// process died before it could. Each part is conditional per request, so a sweep overlapping
// another (a lock taken over) or a click changes each request once. A click checks the deadline
// too, so a request is never approved after it, whenever the sweep runs.
import type { Agenda } from 'agenda';
import type { Logger } from 'pino';

export const SWEEP_JOB = 'restore.sweep';
/** Often enough that a retry due 10 s after a failure goes within 30 s (issue 13). */
export const SWEEP_EVERY_MS = 10_000;
const LOCK_LIFETIME_MS = 2 * 60_000;

export interface RestoreSweepWork {
  expireDue(): Promise<number>;
  deliverDue(): Promise<number>;
  finishVerifications(): Promise<number>;
}

export class RestoreJobs {
  constructor(
    private readonly agenda: Agenda,
    private readonly work: RestoreSweepWork,
    private readonly logger: Logger,
  ) {}

  /** Before `agenda.start()`: Agenda polls only for the names defined by then. */
  define(): void {
    this.agenda.define(
      SWEEP_JOB,
      async () => {
        const expired = await this.work.expireDue();
        const calls = await this.work.deliverDue();
        await this.work.finishVerifications();
        if (expired + calls > 0) this.logger.info({ expired, calls }, 'restore sweep');
      },
      // An executor that takes its full timeout holds the sweep ten seconds per call; a process
      // that dies holding it must not stop expiries and calls for Agenda's default ten minutes.
      { concurrency: 1, lockLifetime: LOCK_LIFETIME_MS },
    );
  }

  /** `every()` upserts by name: one job whatever the number of starts and processes. */
  async schedule(): Promise<void> {
    await this.agenda.every(SWEEP_EVERY_MS, SWEEP_JOB);
  }
}
