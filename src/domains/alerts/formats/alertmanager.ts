// Prometheus Alertmanager's webhook_config payload, version 4.
import { z } from 'zod';
import type { IncomingAlert } from '../rules/normalizer.js';
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

/** The envelope fields Alertmanager's webhook and Grafana's (which copies its shape) share. */
export const alertmanagerEnvelopeFields = {
  status,
  alerts: z.array(z.unknown(), { error: 'must be an array of alerts' }),
  receiver: z.string().optional(),
  groupKey: z.string().optional(),
  truncatedAlerts: z.number().int().min(0).optional(),
  groupLabels: z.record(z.string(), z.string()).optional(),
  commonLabels: z.record(z.string(), z.string()).optional(),
  commonAnnotations: z.record(z.string(), z.unknown()).optional(),
  externalURL: z.string().optional(),
};

const envelope = z.object({
  version: z.literal('4', { error: 'must be "4" (the webhook payload version this endpoint reads)' }),
  ...alertmanagerEnvelopeFields,
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

/** A format in Alertmanager's shape (Alertmanager itself, Grafana): an envelope holding `alerts`. */
export function prometheusStyleFormat(
  source: 'alertmanager' | 'grafana',
  envelopeSchema: z.ZodType<{ alerts: unknown[]; truncatedAlerts?: number | undefined }>,
  alertSchema: z.ZodType<z.output<typeof alertmanagerAlert>>,
  isTest: (alert: z.output<typeof alertmanagerAlert>) => boolean = () => false,
): AlertFormat {
  return {
    source,
    envelope(body) {
      const parsed = envelopeSchema.safeParse(body);
      return parsed.success
        ? { ok: true, alerts: parsed.data.alerts, truncated: parsed.data.truncatedAlerts ?? 0 }
        : { ok: false, problems: problemsOf(parsed.error) };
    },
    alert(raw) {
      const parsed = alertSchema.safeParse(raw);
      return parsed.success
        ? {
            ok: true,
            alert: { ...fromPrometheusAlert(source, parsed.data), ...(isTest(parsed.data) ? { test: true } : {}) },
          }
        : { ok: false, reason: reasonOf(parsed.error) };
    },
  };
}

export const alertmanagerFormat = prometheusStyleFormat('alertmanager', envelope, alertmanagerAlert);
