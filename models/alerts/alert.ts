// One monitored condition as Zhiban stores it, whatever tool reported it (seed 3.1–3.2: data is
// cleaned, merged into one format, stored). A repeat of the same fingerprint updates this
// document; it never makes a second one.
import { Schema, type Connection, type Model } from 'mongoose';
import { CHANNEL_KINDS, type ChannelKind } from '../../src/chat/commands.js';

export const ALERT_SEVERITIES = ['critical', 'major', 'minor', 'info'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const LAYERS = ['infrastructure', 'platform', 'application'] as const;
export type Layer = (typeof LAYERS)[number];
export const ALERT_STATUSES = ['firing', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const ALERT_SOURCES = ['alertmanager', 'grafana', 'generic'] as const;

export interface Alert {
  /** The fingerprint: given by the source, or a hash of the sorted labels. */
  _id: string;
  source: string;
  name: string;
  status: AlertStatus;
  severity: AlertSeverity;
  layer: Layer;
  summary: string;
  labels: Record<string, string>;
  startsAt: Date;
  endsAt?: Date;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** How many times the source has reported it. */
  count: number;
  /** The key of the group it belongs to (see src/domains/alerts/rules/group-key.ts); the AlertGroup has the short id. */
  groupKey: string;
  /** Matched an active silence when last seen: stored and counted, not announced. */
  silencedBy?: string;
  /** What its group's card last said of it (the grouping sets it, intake never does). */
  announced?: AlertStatus;
  /**
   * How many alerts the sender left out of the notification this one last came in (Alertmanager's
   * `truncatedAlerts`, over its `max_alerts`); 0 when none.
   */
  truncatedInBatch?: number;
  /**
   * The kind of channel its group is said in, when not `alerts`: set only by Zhiban's own checks
   * (the backup findings go to `backups`), never by a webhook.
   */
  channel?: ChannelKind;
}

const alertSchema = new Schema<Alert>(
  {
    _id: { type: String, required: true },
    source: { type: String, required: true, maxlength: 100 },
    name: { type: String, required: true, maxlength: 200 },
    status: { type: String, required: true, enum: ALERT_STATUSES },
    severity: { type: String, required: true, enum: ALERT_SEVERITIES },
    layer: { type: String, required: true, enum: LAYERS },
    summary: { type: String, default: '', maxlength: 2000 },
    labels: { type: Schema.Types.Mixed, default: {} },
    startsAt: { type: Date, required: true },
    endsAt: Date,
    firstSeenAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    count: { type: Number, default: 1 },
    groupKey: { type: String, required: true },
    silencedBy: String,
    announced: { type: String, enum: ALERT_STATUSES },
    truncatedInBatch: { type: Number, default: 0 },
    channel: { type: String, enum: CHANNEL_KINDS },
  },
  { versionKey: false, minimize: false },
);
alertSchema.index({ groupKey: 1, status: 1 });
alertSchema.index({ status: 1, severity: 1 });

export type AlertModel = Model<Alert>;

export function bindAlert(connection: Connection): AlertModel {
  return connection.model<Alert>('Alert', alertSchema, 'alerts');
}
