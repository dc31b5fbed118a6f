// What Agenda's 'error' events become in the log. Agenda emits one for every job definition it
// polls for on every round while the database does not answer (dozens a second in the tests, a
// line per job type every 5 s in production): during a 30 s outage that buried the log in
// identical errors (found by issue 18's outage scenario). One line says the scheduler is waiting
// for the database; the rest of the outage's are counted, and said with the next line.
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from './db/unavailable.js';

/** At most one "waiting for the database" line this often, in milliseconds. */
export const UNAVAILABLE_LOG_EVERY_MS = 30_000;

/**
 * A handler for Agenda's 'error' event: an error that says the database is not answering is
 * logged at most once per `everyMs` (a warning, with how many were left out since the last line);
 * any other error every time. `now` is the system's time in milliseconds (real time, not the
 * injected clock: this paces a log, not scheduled work).
 */
export function schedulerErrorLog(
  logger: Pick<Logger, 'warn' | 'error'>,
  everyMs = UNAVAILABLE_LOG_EVERY_MS,
  now: () => number = Date.now,
): (error: unknown) => void {
  let lastAt = Number.NEGATIVE_INFINITY;
  let leftOut = 0;
  return (error) => {
    if (!isDatabaseUnavailable(error)) {
      logger.error({ err: error }, 'scheduler error');
      return;
    }
    const at = now();
    if (at - lastAt < everyMs) {
      leftOut++;
      return;
    }
    logger.warn({ err: error, leftOut }, 'scheduler: the database is not answering; jobs wait for it');
    lastAt = at;
    leftOut = 0;
  };
}
