// What the three alert formats share: status, times, labels and fingerprints, each with limits
// that name the field when they are broken; and zod's issues as `field: problem` lines.
import { z } from 'zod';
import { ALERT_STATUSES } from '../../../../models/alerts/alert.js';
import { ALERT_LIMITS, type IncomingAlert } from '../rules/normalizer.js';

/** One format: its envelope (the list of alerts, each unchecked) and how one alert is read. */
export interface AlertFormat {
  source: 'alertmanager' | 'grafana' | 'generic';
  /** `truncated`: how many alerts the sender says it left out of this notification (its `max_alerts`). */
  envelope(body: unknown): { ok: true; alerts: unknown[]; truncated: number } | { ok: false; problems: string[] };
  alert(raw: unknown): { ok: true; alert: IncomingAlert } | { ok: false; reason: string };
}

export const status = z.enum(ALERT_STATUSES, { error: 'must be firing or resolved' });

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 time; Go's zero time (`0001-01-01T00:00:00Z`, Alertmanager's "not ended") is no time. */
export const time = z
  .string()
  .refine((v) => RFC3339.test(v) && !Number.isNaN(Date.parse(v)), 'must be an RFC 3339 time')
  .transform((v) => (v.startsWith('0001-01-01') ? undefined : new Date(v)));

export const fingerprint = z
  .string()
  .max(128, 'longer than 128 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

const labelName = z.string().min(1, 'a label name is empty').max(ALERT_LIMITS.labelName, 'label name too long');

function labelsOf<V extends z.ZodType<string>>(value: V) {
  return z
    .record(labelName, value)
    .refine((labels) => Object.keys(labels).length <= ALERT_LIMITS.labels, `more than ${ALERT_LIMITS.labels} labels`);
}

const labelValue = z.string().max(ALERT_LIMITS.labelValue, `longer than ${ALERT_LIMITS.labelValue} characters`);

export const labels = labelsOf(labelValue);

/** The generic format also takes numbers and booleans as label values, as text. */
export const looseLabels = labelsOf(
  z
    .union([z.string(), z.number(), z.boolean()], { error: 'must be text, a number or true/false' })
    .transform(String)
    .pipe(labelValue),
);

/** Annotations are only read for a summary, so anything that is not text is left out, not refused. */
export const annotations = z
  .record(z.string(), z.unknown())
  .transform((all) => Object.fromEntries(Object.entries(all).filter(([, v]) => typeof v === 'string')))
  .pipe(z.record(z.string(), z.string()));

/**
 * What an alert's annotations say of it: its summary (or description, or message), and the error a
 * failing rule reported (Grafana's `Error` annotation on DatasourceError and DatasourceNoData alerts).
 */
export function summaryOf(notes: Readonly<Record<string, string>> | undefined): string | undefined {
  const said = notes?.summary ?? notes?.description ?? notes?.message;
  const error = notes?.Error ?? notes?.error;
  if (!error) return said;
  return said ? `${said} — ${error}` : error;
}

/** Every issue as `field.path: problem`; the whole value is `(body)`. */
export function problemsOf(error: z.ZodError, limit = 10): string[] {
  return error.issues
    .slice(0, limit)
    .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`);
}

export function reasonOf(error: z.ZodError): string {
  return problemsOf(error, 3).join('; ');
}
