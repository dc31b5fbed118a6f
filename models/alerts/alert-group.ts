// Alerts that share their group labels (alertname, system, severity by default), shown as one card
// with the short id ALG-n. The alerts themselves are the source of truth; the counts here are what
// the last flush found, and the flush timers (Alertmanager's group_wait, group_interval,
// repeat_interval) live here so any process can take the next flush.
import { Schema, type Connection, type Model } from 'mongoose';
import { CHANNEL_KINDS, type ChannelKind } from '../../src/chat/commands.js';
import { ALERT_SEVERITIES, LAYERS, type AlertSeverity, type Layer } from './alert.js';

export const GROUP_STATES = ['firing', 'resolved'] as const;
export type GroupState = (typeof GROUP_STATES)[number];

export interface AlertGroup {
  /** The group key of src/domains/alerts/rules/group-key.ts. */
  _id: string;
  /** `ALG-40`; given once, right after the group is first made. */
  shortId?: string;
  /** The label values the key was made of. */
  labels: Record<string, string>;
  name: string;
  severity: AlertSeverity;
  layer: Layer;
  system?: string;
  /** Where its card goes: the kind of channel its first alert named (Alert.channel); absent: `alerts`. */
  channel?: ChannelKind;
  /** `resolved` once every alert of the episode resolved; the next firing alert starts a new episode. */
  state: GroupState;
  /** Each firing spell after a resolution is an episode with a card of its own. */
  episode: number;
  firing: number;
  resolved: number;
  /** Firing alerts an active silence matches (counted in `firing` too). */
  silenced: number;
  /** When this episode began here (receipt of its first alert): the episode's alerts are counted from it. */
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** When its earliest firing alert started, as the sender said (what the card shows as "since"). */
  startedAt?: Date | null;
  /** Firing alerts the sender left out of its latest notification (Alertmanager's `truncatedAlerts`). */
  truncated?: number;
  ackedBy?: string | null;
  ackedAt?: Date | null;
  /** The incident opened from this episode, `INC-12`. */
  incidentId?: string | null;
  /** The incident opened from the latest episode that had one: told when the group fires again. */
  lastIncidentId?: string | null;
  /** While one click is opening that incident, so the others wait for it instead of making their own. */
  incidentClaimAt?: Date | null;
  /** Alerts changed since the last flush; they are flushed at `earliestFlushAt`. */
  pending: boolean;
  /** group_wait after the episode began, then group_interval after each flush. */
  earliestFlushAt: Date;
  /** A flush due whatever changed: the repeat, or a retry of a flush that died; null: none. */
  nextFlushAt?: Date | null;
  lastFlushAt?: Date | null;
  /** When the card was last announced (first shown or repeated): the repeat interval counts from here. */
  lastNotifiedAt?: Date | null;
  /** A hash of what the card last showed, so an unchanged card is not edited again. */
  lastNotifiedHash?: string | null;
  /** Raised by every intake batch: a flush that ends an episode must have seen the latest one. */
  revision: number;
  /** The first few firing alerts, one line each, as the card lists them. */
  samples: string[];
  /** The maintenance window (`UPG-3`) its system was in at the last flush: expected, not repeated. */
  maintenance?: string | null;
}

const alertGroupSchema = new Schema<AlertGroup>(
  {
    _id: { type: String, required: true },
    shortId: String,
    labels: { type: Schema.Types.Mixed, default: {} },
    name: { type: String, required: true, maxlength: 200 },
    severity: { type: String, required: true, enum: ALERT_SEVERITIES },
    layer: { type: String, required: true, enum: LAYERS },
    system: { type: String, maxlength: 1024 },
    channel: { type: String, enum: CHANNEL_KINDS },
    state: { type: String, required: true, enum: GROUP_STATES },
    episode: { type: Number, default: 1 },
    firing: { type: Number, default: 0 },
    resolved: { type: Number, default: 0 },
    silenced: { type: Number, default: 0 },
    firstSeenAt: { type: Date, required: true },
    startedAt: Date,
    truncated: { type: Number, default: 0 },
    lastSeenAt: { type: Date, required: true },
    ackedBy: String,
    ackedAt: Date,
    incidentId: String,
    lastIncidentId: String,
    incidentClaimAt: Date,
    pending: { type: Boolean, default: false },
    earliestFlushAt: { type: Date, required: true },
    nextFlushAt: Date,
    lastFlushAt: Date,
    lastNotifiedAt: Date,
    lastNotifiedHash: String,
    revision: { type: Number, default: 0 },
    samples: { type: [String], default: [] },
    maintenance: String,
  },
  { versionKey: false, minimize: false },
);
alertGroupSchema.index({ shortId: 1 }, { unique: true, sparse: true });
// The two ways a group falls due (see DUE in src/domains/alerts/rules/flush.ts).
alertGroupSchema.index({ nextFlushAt: 1 });
alertGroupSchema.index({ pending: 1, earliestFlushAt: 1 });
alertGroupSchema.index({ state: 1, severity: 1 });

export type AlertGroupModel = Model<AlertGroup>;

export function bindAlertGroup(connection: Connection): AlertGroupModel {
  return connection.model<AlertGroup>('AlertGroup', alertGroupSchema, 'alert_groups');
}
