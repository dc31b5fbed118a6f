// Zhiban's Prometheus metrics: process metrics plus its own counters, one registry per instance.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'zhiban_' });
  return {
    registry,
    interactions: new Counter({
      name: 'zhiban_interactions_total',
      help: 'Commands, button clicks and form submissions handled, by outcome',
      labelNames: ['kind', 'name', 'outcome'] as const,
      registers: [registry],
    }),
    webhookRequests: new Counter({
      name: 'zhiban_webhook_requests_total',
      help: 'Webhook calls by endpoint and HTTP status',
      labelNames: ['endpoint', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'zhiban_http_request_duration_seconds',
      help: 'HTTP answer time by route',
      labelNames: ['route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
