// Grafana unified alerting's webhook contact point: Alertmanager's shape (its `version` is "1")
// plus orgId, title, state, message, and per alert values, dashboard, panel and silence links.
import { z } from 'zod';
import { alertmanagerAlert, prometheusStyleFormat } from './alertmanager.js';
import { status } from './common.js';

const envelope = z.object({
  status,
  alerts: z.array(z.unknown(), { error: 'must be an array of alerts' }),
  orgId: z.number().optional(),
  version: z.string().optional(),
  receiver: z.string().optional(),
  groupKey: z.string().optional(),
  truncatedAlerts: z.number().optional(),
  groupLabels: z.record(z.string(), z.string()).optional(),
  commonLabels: z.record(z.string(), z.string()).optional(),
  commonAnnotations: z.record(z.string(), z.unknown()).optional(),
  externalURL: z.string().optional(),
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

export const grafanaFormat = prometheusStyleFormat('grafana', envelope, grafanaAlert);
