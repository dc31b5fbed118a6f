// Agenda on Zhiban's own database: jobs survive restarts and are shared out between processes.
import { hostname } from 'node:os';
import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda } from 'agenda';
import type { Db } from 'mongodb';
import type { Logger } from 'pino';
import { systemClock } from './kernel/clock.js';
import { schedulerErrorLog } from './scheduler-errors.js';
import { JOBS, type JobDeps } from '../jobs/index.js';

export const JOBS_COLLECTION = 'agenda_jobs';

/** Agenda with the registry's jobs defined; define more, then `startScheduler`: it polls only for jobs defined by then. */
export function createScheduler(db: Db, deps: JobDeps, options: { processEveryMs?: number } = {}): Agenda {
  const agenda = new Agenda({
    backend: new MongoBackend({ mongo: db, collection: JOBS_COLLECTION }),
    name: `${hostname()}:${process.pid}`,
    // Polling: the embedded engine has no change streams (DESIGN.md).
    // Milliseconds, not a phrase: agenda's phrase parser reads '200 milliseconds' as 200 seconds.
    processEvery: options.processEveryMs ?? 5000,
  });
  agenda.on('error', schedulerErrorLog(deps.logger));
  agenda.on('fail', (error, job) => deps.logger.error({ err: error, job: job.attrs.name }, 'job failed'));
  for (const job of JOBS) job.define(agenda, deps);
  return agenda;
}

export async function startScheduler(agenda: Agenda): Promise<void> {
  await agenda.start();
  for (const job of JOBS) await job.schedule?.(agenda);
}

export function stopScheduler(agenda: Agenda, logger: Logger): Promise<void> {
  return agenda.stop().catch((error: unknown) => logger.warn({ err: error }, 'scheduler did not stop cleanly'));
}

/** A lock this old that Agenda does not hold in memory is an orphan, not one being taken right now. */
const ORPHAN_AFTER_MS = 5000;

/**
 * Unlocks the jobs this process locked but no longer holds. Agenda unlocks a job by saving it when
 * it ends; if the database did not answer then (a stall), the lock stays in the database until its
 * lockLifetime runs out (a minute for the alert sweeps, ten for the others), and the job waits that
 * long after the database is back. Called when the database answers again, and now and then.
 * The locks are read before Agenda's own list, and only those older than ORPHAN_AFTER_MS count,
 * so a lock Agenda is taking right now is never mistaken for an orphan; each is released only if
 * it is still the one read (same `lockedAt`). Resolves with how many were released.
 */
export async function releaseOrphanedLocks(
  agenda: Agenda,
  db: Db,
  logger: Logger,
  olderThanMs = ORPHAN_AFTER_MS,
): Promise<number> {
  const name = agenda.attrs.name;
  const jobs = db.collection<{ lockedAt?: Date | null; lastModifiedBy?: string }>(JOBS_COLLECTION);
  // Agenda stamps lockedAt with the system's time, so the lock's age is read on the system clock too.
  const before = new Date(systemClock.now().getTime() - olderThanMs);
  const locked = await jobs
    .find({ lastModifiedBy: name, lockedAt: { $ne: null, $lte: before } }, { projection: { lockedAt: 1 } })
    .toArray();
  if (locked.length === 0) return 0;
  const stats = await agenda.getRunningStats(true);
  const held = new Set(
    [stats.lockedJobs, stats.runningJobs].flatMap((list) =>
      Array.isArray(list) ? list.map((job) => String(job._id)) : [],
    ),
  );
  let released = 0;
  for (const job of locked.filter((j) => !held.has(String(j._id)))) {
    const { modifiedCount } = await jobs.updateOne(
      { _id: job._id, lockedAt: job.lockedAt, lastModifiedBy: name },
      { $unset: { lockedAt: true } },
    );
    released += modifiedCount;
  }
  if (released > 0) logger.info({ released }, 'released job locks left by a database that did not answer');
  return released;
}

/** How often releaseOrphanedLocks also runs with no stall noticed (a lone failed save leaves one too). */
const ORPHAN_SWEEP_MS = 30_000;

/**
 * Runs releaseOrphanedLocks each time the database answers again, and every ORPHAN_SWEEP_MS.
 * On a return it also frees locks younger than ORPHAN_AFTER_MS if they are older than the outage
 * (`downForMs`): a lock taken before the database stopped answering is not one being taken right
 * now. Without that, a job whose lock was taken in the seconds before a short outage (5 s) waited
 * for the next sweep, 30 s on, instead of running within 5 s of the return (issue 18's outage test).
 * Returns what stops it.
 */
export function releaseOrphanedLocksOnRecovery(
  agenda: Agenda,
  db: Db,
  database: { onAvailableAgain(listener: (downForMs: number) => void): void },
  logger: Logger,
): () => void {
  let stopped = false;
  const release = (olderThanMs = ORPHAN_AFTER_MS) => {
    if (stopped) return;
    releaseOrphanedLocks(agenda, db, logger, olderThanMs).catch((error: unknown) =>
      logger.warn({ err: error }, 'could not release orphaned job locks; will try again'),
    );
  };
  database.onAvailableAgain((downForMs) => release(Math.min(ORPHAN_AFTER_MS, downForMs)));
  const timer = setInterval(() => release(), ORPHAN_SWEEP_MS);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
