// The one HTTP server: Slack's events, webhooks, health, metrics (and later the web console).
import express, { type ErrorRequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import type { Metrics } from '../observability/metrics.js';
import { answeredForHandler } from './deadline.js';
import { healthRouter, type Readiness } from './health.js';
import { sendError } from './json-error.js';

export interface HttpAppParts {
  logger: Logger;
  metrics: Metrics;
  readiness: Readiness;
  webhooks: Router;
  /** Routers mounted at the root, such as Bolt's `/slack/events` receiver. */
  extra: Router[];
}

export function createHttpApp(parts: HttpAppParts): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((req, res, next) => {
    const end = parts.metrics.httpDuration.startTimer();
    res.on('finish', () => end({ route: routeLabel(req.path), status: String(res.statusCode) }));
    next();
  });
  app.use(healthRouter(parts.readiness));
  app.get('/metrics', async (_req, res) => {
    res.type(parts.metrics.registry.contentType).send(await parts.metrics.registry.metrics());
  });
  app.use('/webhooks', parts.webhooks);
  for (const router of parts.extra) app.use(router);
  app.use((_req, res) => sendError(res, 404, 'not_found'));
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    if (answeredForHandler(res)) {
      // The handler's own answer came after the deadline had answered for it: expected, not a fault.
      parts.logger.warn({ err: error }, 'a handler finished after its request was answered "unavailable"');
      return;
    }
    parts.logger.error({ err: error }, 'http request failed');
    if (!res.headersSent) sendError(res, 500, 'internal_error');
  };
  app.use(onError);
  return app;
}

/** Keeps the metric's label set small: the first path segment only. */
function routeLabel(path: string): string {
  const first = path.split('/')[1] ?? '';
  return ['slack', 'webhooks', 'healthz', 'readyz', 'metrics'].includes(first) ? `/${first}` : '/other';
}
