// An incident through the plan's six steps (seed 2.3(1)): reported → acknowledged →
// investigating → mitigating → verifying → resolved → closed, each step timestamped.
import { Schema, type Connection, type Model } from 'mongoose';

export const SEVERITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Seed 7.2.1: routine, technical, security, special. */
export const CATEGORIES = ['routine', 'technical', 'security', 'special'] as const;
export type Category = (typeof CATEGORIES)[number];

export const INCIDENT_STATES = [
  'reported',
  'acknowledged',
  'investigating',
  'mitigating',
  'verifying',
  'resolved',
  'closed',
] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

export const OPEN_STATES: readonly IncidentState[] = INCIDENT_STATES.filter((s) => s !== 'resolved' && s !== 'closed');

export interface TimelineEntry {
  at: Date;
  actor: string;
  /** `renotified`: nobody acknowledged yet; `reminded`: no update for a while; `paged`: the roster's primary, at once. */
  kind:
    | 'declared'
    | 'paged'
    | 'state'
    | 'update'
    | 'assigned'
    | 'escalated'
    | 'renotified'
    | 'reminded'
    | 'summary'
    | 'alerts_resolved'
    | 'alerts_firing';
  from?: IncidentState;
  to?: IncidentState;
  text?: string;
  /** Who was paged by this entry (escalations, re-notifications). */
  notify?: string[];
  /** The roles this entry meant to page; with no one in `notify`, the page reached nobody (said loudly). */
  pagedRoles?: string[];
  /** A step of the duty roster's escalation (issue 17): whom it paged, said in each reader's words. */
  level?: 'primary' | 'secondary' | 'pm';
}

export interface Incident {
  _id: string;
  /** INC-12 */
  shortId: string;
  title: string;
  severity: Severity;
  category: Category;
  system?: string;
  description?: string;
  state: IncidentState;
  reporter: string;
  assignee?: string;
  acknowledgedBy?: string;
  /** When each state was entered; MTTA and MTTR come from these. */
  stateAt: Partial<Record<IncidentState, Date>>;
  resolution?: string;
  summary?: { cause: string; fix: string; lesson: string };
  lastUpdateAt: Date;
  escalations: number;
  /**
   * Counts every change its card shows (step, owner, escalation). Buttons carry it (`INC-12~7`), and
   * a click updates only the version it saw, so a stale card changes nothing (absent on incidents
   * stored before it existed: read as 0).
   */
  cardVersion?: number;
  /** The alert group it was opened from, as its alerts last stood: all resolved, or firing again. */
  alerts?: { group: string; state: 'firing' | 'resolved'; at: Date };
  timeline: TimelineEntry[];
  /** Where the declaration came from, so a retried request makes no second incident. */
  requestKey?: string;
}

const timelineSchema = new Schema<TimelineEntry>(
  {
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    kind: { type: String, required: true },
    from: String,
    to: String,
    text: { type: String, maxlength: 4000 },
    notify: { type: [String], default: undefined },
    pagedRoles: { type: [String], default: undefined },
    level: { type: String, enum: ['primary', 'secondary', 'pm'] },
  },
  { _id: false },
);

const incidentSchema = new Schema<Incident>(
  {
    _id: { type: String, required: true },
    shortId: { type: String, required: true, unique: true },
    title: { type: String, required: true, maxlength: 200 },
    severity: { type: String, required: true, enum: SEVERITIES },
    category: { type: String, required: true, enum: CATEGORIES },
    system: { type: String, maxlength: 100 },
    description: { type: String, maxlength: 4000 },
    state: { type: String, required: true, enum: INCIDENT_STATES },
    reporter: { type: String, required: true },
    assignee: String,
    acknowledgedBy: String,
    stateAt: { type: Schema.Types.Mixed, default: {} },
    resolution: { type: String, maxlength: 4000 },
    summary: {
      type: new Schema({ cause: String, fix: String, lesson: String }, { _id: false }),
      required: false,
    },
    lastUpdateAt: { type: Date, required: true },
    escalations: { type: Number, default: 0 },
    cardVersion: { type: Number, default: 0 },
    alerts: { group: String, state: { type: String, enum: ['firing', 'resolved'] }, at: Date },
    timeline: { type: [timelineSchema], default: [] },
    requestKey: { type: String },
  },
  { versionKey: false, minimize: false },
);
incidentSchema.index({ state: 1, severity: 1 });
incidentSchema.index({ requestKey: 1 }, { unique: true, sparse: true });

export type IncidentModel = Model<Incident>;

export function bindIncident(connection: Connection): IncidentModel {
  return connection.model<Incident>('Incident', incidentSchema, 'incidents');
}
