// The alert domain's counters on /metrics: alerts stored from the webhooks, and alerts refused.
import { Counter, type Registry } from 'prom-client';

/** Registers the counters on `registry` (one per Zhiban instance). */
export function alertMetrics(registry: Registry) {
  return {
    alertsReceived: new Counter({
      name: 'zhiban_alerts_received_total',
      help: 'Alerts stored from the webhooks, by endpoint (alertmanager, grafana, generic) and alert status',
      labelNames: ['source', 'status'] as const,
      registers: [registry],
    }),
    alertsRejected: new Counter({
      name: 'zhiban_alerts_rejected_total',
      help: 'Alerts refused by the webhooks as invalid (each reported back in the 400 answer), by endpoint',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
  };
}

export type AlertMetrics = ReturnType<typeof alertMetrics>;
