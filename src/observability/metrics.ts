// Zhiban's Prometheus metrics: process metrics plus the kernel's own counters (interactions, HTTP,
// outbox), one registry per instance. Each domain registers its own on the same registry.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
    roundTrips: new Histogram({
      name: 'zhiban_db_round_trips',
      help: 'Database commands one operation sent (a chat command, click or form by name; a webhook by path)',
      labelNames: ['kind', 'name'] as const,
      buckets: [0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50],
      registers: [registry],
    }),
    outboxSent: new Counter({
      name: 'zhiban_outbox_sent_total',
      help: 'Outbox messages the platform accepted, by what was done (post, edit, thread)',
      labelNames: ['platform', 'op'] as const,
      registers: [registry],
    }),
    outboxRetries: new Counter({
      name: 'zhiban_outbox_retries_total',
      help: 'Outbox sends put off for another try, by why (rate_limited, unavailable)',
      labelNames: ['platform', 'reason'] as const,
      registers: [registry],
    }),
    outboxFailed: new Counter({
      name: 'zhiban_outbox_failed_total',
      help: 'Outbox messages given up on (refused by the platform, or still failing after the last retry)',
      labelNames: ['platform', 'reason'] as const,
      registers: [registry],
    }),
    outboxPending: new Gauge({
      name: 'zhiban_outbox_pending',
      help: 'Outbox messages not yet sent, on every process sharing the database',
      registers: [registry],
    }),
    outboxStorm: new Gauge({
      name: 'zhiban_outbox_storm',
      help: 'One while a channel holds its messages behind a digest card (its backlog passed the threshold), else zero',
      labelNames: ['platform', 'channel'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
