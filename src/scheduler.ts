// Agenda on Zhiban's own database: jobs survive restarts and are shared out between processes.
import { hostname } from 'node:os';
import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda } from 'agenda';
import type { Db } from 'mongodb';
import type { Logger } from 'pino';
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
  agenda.on('error', (error) => deps.logger.error({ err: error }, 'scheduler error'));
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
