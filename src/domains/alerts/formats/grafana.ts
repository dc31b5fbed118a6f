// Grafana unified alerting's webhook contact point: Alertmanager's shape (its `version` is "1")
// plus orgId, title, state, message, and per alert values, dashboard, panel and silence links.
import { z } from 'zod';
import { alertmanagerAlert, alertmanagerEnvelopeFields, prometheusStyleFormat } from './alertmanager.js';

const envelope = z.object({
  ...alertmanagerEnvelopeFields,
  orgId: z.number().optional(),
  version: z.string().optional(),
  title: z.string().optional(),
  state: z.string().optional(),
  message: z.string().optional(),
});

const grafanaAlert = alertmanagerAlert.extend({
  values: z.record(z.string(), z.unknown()).nullable().optional(),
  valueString: z.string().optional(),
  silenceURL: z.string().optional(),
  dashboardURL: z.string().optional(),
  panelURL: z.string().optional(),
  imageURL: z.string().optional(),
});

/**
 * The alert of a contact point's "Test" button: Grafana sends `alertname: TestAlert`,
 * `instance: Grafana` and the summary "Notification test" (its ngalert test receivers).
 */
export function isGrafanaTest(alert: {
  labels: Record<string, string>;
  annotations?: Record<string, string> | undefined;
}): boolean {
  return (
    alert.labels.alertname === 'TestAlert' &&
    alert.labels.instance === 'Grafana' &&
    /notification test/i.test(alert.annotations?.summary ?? '')
  );
}

export const grafanaFormat = prometheusStyleFormat('grafana', envelope, grafanaAlert, isGrafanaTest);
