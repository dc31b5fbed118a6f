// /webhooks/*: the intake endpoints of CONTRACT.md. Each area's issue gives its endpoint a
// handler; until then the endpoint is guarded like the others and answers 501.
import { Router, type RequestHandler } from 'express';
import type { Secret } from '../config/secret.js';
import type { Metrics } from '../observability/metrics.js';
import { sendError } from './json-error.js';
import { bodyErrors, jsonBody, requireBearer } from './webhook-guard.js';

export const WEBHOOK_PATHS = ['/alertmanager', '/grafana', '/alerts', '/backups', '/restores/:id'] as const;
export type WebhookPath = (typeof WEBHOOK_PATHS)[number];

export function webhookRouter(
  token: Secret | undefined,
  metrics: Metrics,
  handlers: Partial<Record<WebhookPath, RequestHandler>> = {},
): Router {
  const router = Router();
  router.use((req, res, next) => {
    res.on('finish', () =>
      metrics.webhookRequests.inc({ endpoint: req.path.split('/')[1] ?? '', status: String(res.statusCode) }),
    );
    next();
  });
  router.use(requireBearer(token));
  for (const path of WEBHOOK_PATHS) {
    const handler: RequestHandler =
      handlers[path] ?? ((_req, res) => sendError(res, 501, 'not_implemented', ['this intake is not built yet']));
    router.post(path, ...jsonBody, handler);
  }
  router.use((_req, res) => sendError(res, 404, 'not_found', ['no such webhook']));
  router.use(bodyErrors);
  return router;
}
