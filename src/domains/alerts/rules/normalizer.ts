// Turns an alert any tool reported into the one stored shape (seed 3.1–3.2: cleaned, merged
// into one format): clean text, the name as the `alertname` label, a fingerprint, a severity,
// a layer and the group key.
import { truncate } from '../../../chat/text.js';
import { createHash } from 'node:crypto';
import type { AlertStatus, Layer } from '../../../../models/alerts/alert.js';
import type { Clock } from '../../../kernel/clock.js';
import { groupKeyOf } from './group-key.js';
import type { NormalizedAlert } from './intake.js';
import type { LayerRules } from './layer.js';
import { DEFAULT_SEVERITY, severityOf } from './severity.js';

/** What one alert of any format says, once its format's schema has accepted it. */
export interface IncomingAlert {
  source: string;
  name: string;
  status: AlertStatus;
  /** The tool's own word (`warning`, `P1`…); unknown words give the default severity. */
  severity: string | undefined;
  layer: Layer | undefined;
  summary: string | undefined;
  labels: Record<string, string>;
  fingerprint: string | undefined;
  startsAt: Date | undefined;
  endsAt: Date | undefined;
  /** A sender's test notification (Grafana's contact-point "Test"): shown once, never stored as firing. */
  test?: boolean;
}

export const ALERT_LIMITS = { labels: 64, labelName: 128, labelValue: 1024, name: 200, summary: 2000 } as const;

// C0 and C1 controls, and the bidirectional overrides that can make a chat message read backwards.
/* eslint-disable no-control-regex -- finding control characters is the point */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

export type NormalizeResult = { ok: true; alert: NormalizedAlert } | { ok: false; reason: string };

export class AlertNormalizer {
  constructor(
    private readonly layers: LayerRules,
    private readonly clock: Clock,
  ) {}

  normalize(incoming: IncomingAlert): NormalizeResult {
    const name = truncate(clean(incoming.name).trim(), ALERT_LIMITS.name);
    if (name === '') return { ok: false, reason: 'name: empty once control characters are removed' };
    const labels = cleanLabels(incoming.labels);
    // One model whatever the source: the name is the `alertname` label, as in Prometheus.
    labels.alertname ??= name;
    const severity = severityOf(incoming.severity) ?? DEFAULT_SEVERITY;
    const now = this.clock.now();
    return {
      ok: true,
      alert: {
        _id: incoming.fingerprint ? fingerprintId(clean(incoming.fingerprint)) : fingerprintOf(labels),
        source: clean(incoming.source).trim().slice(0, 100) || 'generic',
        name,
        status: incoming.status,
        severity,
        layer: incoming.layer ?? this.layers.layerOf(labels),
        summary: truncate((incoming.summary ?? '').replace(CONTROLS_BUT_LINES, '').trim(), ALERT_LIMITS.summary),
        labels,
        // The sender's start, unless it lies ahead of us (a skewed clock): then when we heard of it.
        ...(incoming.startsAt ? { startsAt: incoming.startsAt <= now ? incoming.startsAt : now } : {}),
        // A firing alert's endsAt is only the sender's guess at when it expires; stored once it ends.
        ...(incoming.status === 'resolved' ? { endsAt: incoming.endsAt ?? now } : {}),
        groupKey: groupKeyOf(labels, severity).key,
      },
    };
  }
}

/**
 * A sender's fingerprint as the alert's identity. Hexadecimal ones (Alertmanager's, Grafana's) are
 * compared without regard to case, so `3F2A…` and `3f2a…` are one alert; any other is kept as sent.
 */
export function fingerprintId(fingerprint: string): string {
  return /^[0-9a-f]+$/i.test(fingerprint) ? fingerprint.toLowerCase() : fingerprint;
}

/** Alertmanager's idea of identity: the same labels are the same alert. */
export function fingerprintOf(labels: Readonly<Record<string, string>>): string {
  const canonical = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 24);
}

function clean(text: string): string {
  return text.replace(CONTROLS, '');
}

// `.` and a leading `$` are replaced so every label can be stored and queried on any MongoDB.
function cleanLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    const name = clean(key).trim().replace(/\./g, '_').replace(/^\$/, '_');
    if (name !== '') result[name] = clean(value);
  }
  return result;
}
