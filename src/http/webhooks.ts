// /webhooks/*: the intake endpoints of CONTRACT.md. Each area's issue gives its endpoint a
// handler; until then the endpoint is guarded like the others and answers 501.
import { Router, type RequestHandler, type Response } from 'express';
import type { Secret } from '../config/secret.js';
import type { DatabaseAvailability } from '../db/health.js';
import { databaseDeadline, RETRY_AFTER_S } from './deadline.js';
import type { Metrics } from '../observability/metrics.js';
import { countRoundTrips } from '../observability/round-trips.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { sendError } from './json-error.js';
import { bodyErrors, jsonBody, requireBearer } from './webhook-guard.js';

export const WEBHOOK_PATHS = ['/alertmanager', '/grafana', '/alerts', '/backups', '/restores/:id'] as const;
export type WebhookPath = (typeof WEBHOOK_PATHS)[number];

/**
 * A webhook still waiting by then has the database pinged, and is answered 503 if the ping gets
 * no answer within WEBHOOK_PROBE_MS either: an answer within 5 s while the database stalls
 * (senders such as Alertmanager give up at 10 s), while a big batch on a database that answers
 * is let finish. What the handler was doing goes on: it finishes storing once the database
 * answers (the alerts' reconciliation sweep covers a grouping it could not do), or stores
 * nothing; either way sending the same again is safe.
 */
export const WEBHOOK_ANSWER_WITHIN_MS = 3000;
export const WEBHOOK_PROBE_MS = 1500;

export function webhookRouter(
  token: Secret | undefined,
  metrics: Metrics,
  handlers: Partial<Record<WebhookPath, RequestHandler>> = {},
  database?: DatabaseAvailability,
): Router {
  const router = Router();
  router.use((req, res, next) => {
    res.on('finish', () =>
      metrics.webhookRequests.inc({ endpoint: req.path.split('/')[1] ?? '', status: String(res.statusCode) }),
    );
    next();
  });
  router.use(requireBearer(token));
  // After the token: a caller without it learns nothing, not even that the database is down.
  router.use(
    databaseDeadline({
      database,
      withinMs: WEBHOOK_ANSWER_WITHIN_MS,
      probeMs: WEBHOOK_PROBE_MS,
      answer: notStored,
    }),
  );
  for (const path of WEBHOOK_PATHS) {
    const handler: RequestHandler =
      handlers[path] ?? ((_req, res) => sendError(res, 501, 'not_implemented', ['this intake is not built yet']));
    router.post(path, ...jsonBody, countedIn(metrics, path, handler));
  }
  router.use((_req, res) => sendError(res, 404, 'not_found', ['no such webhook']));
  router.use(bodyErrors);
  return router;
}

/**
 * The handler, its database round trips counted from the parsed body to its answer (work it leaves
 * running after answering is not waited for). A handler that fails (its promise rejects) goes to the
 * app's error handler, as Express 5 would send it there itself: above all one that fails after the
 * deadline answered for it (e.g. setting a header on a sent answer once the database came back or
 * refused), which would otherwise be an unhandled rejection (issue 18, a 30 s database outage).
 */
function countedIn(metrics: Metrics, path: WebhookPath, handler: RequestHandler): RequestHandler {
  return (req, res, next) => {
    const answered = new Promise<void>((resolve) => {
      res.on('finish', resolve);
      res.on('close', resolve);
    });
    void countRoundTrips(
      async () => {
        Promise.resolve(handler(req, res, next)).catch((error: unknown) => {
          // The database went away under the handler, before the deadline said so: the same 503.
          if (isDatabaseUnavailable(error) && !res.headersSent) notStored(res, 'failed');
          else next(error);
        });
        await answered;
      },
      (roundTrips) => metrics.roundTrips.observe({ kind: 'webhook', name: path }, roundTrips),
    );
  };
}

function notStored(res: Response, why: 'unavailable' | 'late' | 'failed'): void {
  res.set('Retry-After', String(RETRY_AFTER_S));
  const seconds = (WEBHOOK_ANSWER_WITHIN_MS + WEBHOOK_PROBE_MS) / 1000;
  const detail =
    why === 'unavailable'
      ? 'the database is not answering; nothing was stored. Send again later'
      : why === 'failed'
        ? 'the database stopped answering during the call; send again later (a repeat is safe)'
        : `the database did not answer within ${seconds} s; send again (a repeat is safe)`;
  sendError(res, 503, 'not_stored', [detail]);
}
