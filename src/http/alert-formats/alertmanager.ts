// Prometheus Alertmanager's webhook_config payload, version 4.
import { z } from 'zod';
import type { IncomingAlert } from '../../services/alert-normalizer.js';
import {
  annotations,
  fingerprint,
  labels,
  problemsOf,
  reasonOf,
  status,
  summaryOf,
  time,
  type AlertFormat,
} from './common.js';

const envelope = z.object({
  version: z.literal('4', { error: 'must be "4" (the webhook payload version this endpoint reads)' }),
  status,
  alerts: z.array(z.unknown(), { error: 'must be an array of alerts' }),
  receiver: z.string().optional(),
  groupKey: z.string().optional(),
  truncatedAlerts: z.number().optional(),
  groupLabels: z.record(z.string(), z.string()).optional(),
  commonLabels: z.record(z.string(), z.string()).optional(),
  commonAnnotations: z.record(z.string(), z.unknown()).optional(),
  externalURL: z.string().optional(),
});

export const alertmanagerAlert = z.object({
  status,
  labels: labels.refine((l) => l.alertname !== undefined && l.alertname.trim() !== '', {
    message: 'required',
    path: ['alertname'],
  }),
  annotations: annotations.optional(),
  startsAt: time.optional(),
  endsAt: time.optional(),
  generatorURL: z.string().optional(),
  fingerprint: fingerprint.optional(),
});

export function fromPrometheusAlert(source: string, alert: z.output<typeof alertmanagerAlert>): IncomingAlert {
  return {
    source,
    name: alert.labels.alertname!,
    status: alert.status,
    severity: alert.labels.severity,
    layer: undefined,
    summary: summaryOf(alert.annotations),
    labels: alert.labels,
    fingerprint: alert.fingerprint,
    startsAt: alert.startsAt,
    endsAt: alert.endsAt,
  };
}

export const alertmanagerFormat: AlertFormat = {
  source: 'alertmanager',
  envelope(body) {
    const parsed = envelope.safeParse(body);
    return parsed.success
      ? { ok: true, alerts: parsed.data.alerts }
      : { ok: false, problems: problemsOf(parsed.error) };
  },
  alert(raw) {
    const parsed = alertmanagerAlert.safeParse(raw);
    return parsed.success
      ? { ok: true, alert: fromPrometheusAlert('alertmanager', parsed.data) }
      : { ok: false, reason: reasonOf(parsed.error) };
  },
};
