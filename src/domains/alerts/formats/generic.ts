// CONTRACT.md's generic alert, for any tool: one object or an array of them. Only source, name
// and status are required, so that 10,000 small alerts fit in the 1 MiB a request may carry;
// a missing severity is minor, a missing layer comes from the labels and ALERT_LAYER_RULES.
import { z } from 'zod';
import { LAYERS } from '../../../../models/alerts/alert.js';
import { severityOf } from '../rules/severity.js';
import { fingerprint, looseLabels, reasonOf, status, time, type AlertFormat } from './common.js';

const genericAlert = z.object(
  {
    source: z.string().trim().min(1, 'required').max(100, 'longer than 100 characters'),
    name: z.string().trim().min(1, 'required').max(200, 'longer than 200 characters'),
    status,
    severity: z
      .string()
      .refine((v) => severityOf(v) !== undefined, 'must be critical, major, minor or info')
      .optional(),
    layer: z.enum(LAYERS, { error: `must be one of: ${LAYERS.join(', ')}` }).optional(),
    summary: z.string().optional(),
    labels: looseLabels.optional(),
    fingerprint: fingerprint.optional(),
    startsAt: time.optional(),
    endsAt: time.optional(),
  },
  { error: 'must be an alert object' },
);

export const genericFormat: AlertFormat = {
  source: 'generic',
  envelope(body) {
    if (Array.isArray(body)) return { ok: true, alerts: body, truncated: 0 };
    if (body !== null && typeof body === 'object') return { ok: true, alerts: [body], truncated: 0 };
    return { ok: false, problems: ['(body): must be an alert object or an array of alerts'] };
  },
  alert(raw) {
    const parsed = genericAlert.safeParse(raw);
    if (!parsed.success) return { ok: false, reason: reasonOf(parsed.error) };
    const alert = parsed.data;
    return {
      ok: true,
      alert: {
        source: alert.source,
        name: alert.name,
        status: alert.status,
        severity: alert.severity,
        layer: alert.layer,
        summary: alert.summary,
        labels: alert.labels ?? {},
        fingerprint: alert.fingerprint,
        startsAt: alert.startsAt,
        endsAt: alert.endsAt,
      },
    };
  },
};
