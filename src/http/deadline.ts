// An HTTP answer in bounded time whatever the database does: refused at once while the database
// is known not to answer, and answered for the handler when it is still waiting at the deadline.
import type { RequestHandler, Response } from 'express';
import type { DatabaseAvailability } from '../db/health.js';

/** Seconds a caller is asked to wait before trying again, with every 503 for an unavailable database. */
export const RETRY_AFTER_S = 5;

export interface DeadlineOptions {
  /** Without it only the deadline applies (tests of routes alone). */
  database?: DatabaseAvailability;
  withinMs: number;
  /**
   * With it, a handler still waiting at `withinMs` is answered only if the database then gets no
   * answer within `probeMs` either (it is slow for another reason otherwise, and is let finish).
   */
  probeMs?: number;
  /** Sends the answer: `unavailable` before anything was tried, `late` when the handler ran out of time. */
  answer(res: Response, why: 'unavailable' | 'late'): void;
}

/**
 * Middleware for the routes after it. The handler is not stopped by a late answer (it cannot be,
 * mid-call): it finishes or fails on its own, and whatever it then tries to send is dropped;
 * the app's error handler knows such a response by `res.locals.answeredForHandler`.
 */
export function databaseDeadline(options: DeadlineOptions): RequestHandler {
  return (_req, res, next) => {
    if (options.database && !options.database.available) return options.answer(res, 'unavailable');
    const late = () => {
      if (res.headersSent) return;
      res.locals.answeredForHandler = true;
      options.answer(res, 'late');
    };
    const timer = setTimeout(() => {
      const { database, probeMs } = options;
      if (!database || probeMs === undefined) return late();
      void database.probe(probeMs).then((answers) => {
        if (!answers) late();
      });
    }, options.withinMs);
    const done = () => clearTimeout(timer);
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}

/** Whether this response was sent by databaseDeadline, so that the handler's own late answer is no error. */
export function answeredForHandler(res: Response): boolean {
  return res.locals.answeredForHandler === true;
}
