// The alert grouping's jobs: flush the groups whose time has come, end silences that ran out, and
// re-check groups in case an intake batch's grouping failed.
//
// One recurring sweep rather than one job per group: the due time lives in the group itself,
// written by the same update that records the change, so there is no second write (a job) that a
// crash could lose between the two, and an alert storm makes no flood of job documents. Agenda's
// lock runs one sweep at a time across processes; each group is still claimed with a conditional
// update on `nextFlushAt`, so two sweeps that overlap (a lock taken over) never flush a group twice.
import type { Agenda } from 'agenda';
import type { Logger } from 'pino';

export const FLUSH_JOB = 'alert.flush';
export const SILENCE_EXPIRY_JOB = 'alert.silence.expire';
export const RECONCILE_JOB = 'alert.reconcile';
const LOCK_LIFETIME_MS = 60_000;

export interface AlertGroupWork {
  flushDue(): Promise<number>;
  expireDue(): Promise<number>;
  reconcile(): Promise<number>;
}

export interface AlertJobIntervals {
  flushEveryMs: number;
  expireEveryMs: number;
  reconcileEveryMs: number;
}

export class AlertGroupJobs {
  constructor(
    private readonly agenda: Agenda,
    private readonly work: AlertGroupWork,
    private readonly every: AlertJobIntervals,
    private readonly logger: Logger,
  ) {}

  /** Before `agenda.start()`: Agenda polls only for the names defined by then. */
  define(): void {
    const run = (name: string, task: () => Promise<number>) =>
      this.agenda.define(
        name,
        async () => {
          const done = await task();
          if (done > 0) this.logger.debug({ job: name, done }, 'alert job done');
        },
        // A sweep takes seconds; a process that dies holding it must not stop every flush for
        // Agenda's default ten minutes. Overlapping sweeps are safe: each group is claimed.
        { concurrency: 1, lockLifetime: LOCK_LIFETIME_MS },
      );
    run(FLUSH_JOB, () => this.work.flushDue());
    run(SILENCE_EXPIRY_JOB, () => this.work.expireDue());
    run(RECONCILE_JOB, () => this.work.reconcile());
  }

  /** `every()` upserts by name, so each start (and each process) keeps one job per name. */
  async schedule(): Promise<void> {
    await this.agenda.every(this.every.flushEveryMs, FLUSH_JOB);
    await this.agenda.every(this.every.expireEveryMs, SILENCE_EXPIRY_JOB);
    await this.agenda.every(this.every.reconcileEveryMs, RECONCILE_JOB);
  }
}

/** Sweeps often enough for the shortest timer, but not more than a few times a second. */
export function sweepEveryMs(timers: { groupWaitMs: number; groupIntervalMs: number }): number {
  return Math.min(5000, Math.max(250, Math.min(timers.groupWaitMs, timers.groupIntervalMs) / 4));
}
