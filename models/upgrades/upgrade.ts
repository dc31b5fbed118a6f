// An upgrade and its maintenance window (issue 14, seed 4.2–4.3): announced with its version, risk
// and rollback plan, reminded before the window, started, completed (verified) or rolled back, or
// cancelled before it starts. One document per upgrade; every change is one conditional update that
// increments `version` (the card's buttons carry it) and adds a line to `timeline`.
import { Schema, type Connection, type Model } from 'mongoose';
import { approvalSchema, type Approval } from '../approvals/approval.js';

/**
 * `pending_approval` (a high-risk draft, seen by its author and the approvers) → `scheduled` →
 * `in_progress` → `completed` or `rolled_back`; `cancelled` ends a scheduled one, `rejected` and
 * `expired` a draft whose approval did not come.
 */
export const UPGRADE_STATES = [
  'pending_approval',
  'scheduled',
  'in_progress',
  'completed',
  'rolled_back',
  'cancelled',
  'rejected',
  'expired',
] as const;
export type UpgradeState = (typeof UPGRADE_STATES)[number];

/** Announced and not over: these hold their window (an overlap with one of them is refused). */
export const HOLDING_STATES: readonly UpgradeState[] = ['pending_approval', 'scheduled', 'in_progress'];

export const RISKS = ['low', 'medium', 'high'] as const;
export type Risk = (typeof RISKS)[number];

/** What is said unasked around the window: 24 h and 1 h before, at the start, and every 15 min of overrun. */
export const REMINDER_KINDS = ['day', 'hour', 'open', 'overrun'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface Reminder {
  kind: ReminderKind;
  at: Date;
}

export const STEP_KINDS = [
  'announced',
  'approval',
  'approved',
  'rejected',
  'expired',
  'reminded',
  'started',
  'completed',
  'rolled_back',
  'cancelled',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** One line of the upgrade's story (and of its card's thread). */
export interface UpgradeStep {
  at: Date;
  /** `platform:id`, or `system` for Zhiban's jobs. */
  actor: string;
  kind: StepKind;
  /** A reason (rollback, cancel, rejection) or the notes of a completion. */
  text?: string;
  /** reminded: which reminder. */
  reminder?: ReminderKind;
  /** reminded: the people it mentions (who held the roles it calls on then). */
  notify?: string[];
}

/** What people write about an upgrade besides its one-line summary (the form's "more"). */
export interface UpgradePlan {
  /** What is new, what is fixed. */
  notes?: string;
  /** Affected services. */
  scope?: string;
  steps?: string;
  /** Required for medium and high risk. */
  rollbackPlan?: string;
  /** What users will notice. */
  impact?: string;
}

export interface Upgrade {
  /** UPG-5 */
  _id: string;
  system: string;
  /** The version it brings (`2.4.0`). */
  toVersion: string;
  /** What the registry said the system ran when it was announced; absent: nothing recorded yet. */
  fromVersion?: string;
  summary: string;
  plan: UpgradePlan;
  risk: Risk;
  start: Date;
  end: Date;
  state: UpgradeState;
  author: string;
  /** Only for a high-risk upgrade: a pm's approval before it is announced. */
  approval?: Approval;
  /** The next thing to say unasked; null when nothing more is due. */
  nextReminder?: Reminder | null;
  startedAt?: Date;
  startedBy?: string;
  /** completed / rolled_back / cancelled: when and by whom. */
  endedAt?: Date;
  endedBy?: string;
  /** completed: the person said it was verified, and wrote these notes. */
  verified?: boolean;
  /** Every change increments it; buttons carry it (`UPG-5~3`). */
  version: number;
  timeline: UpgradeStep[];
  /** The platform's id of the request that announced it, so a retry makes no second upgrade. */
  requestKey?: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Limits of what people write. */
export const UPGRADE_LIMITS = { system: 100, summary: 500, text: 3000, reason: 2000 } as const;

const stepSchema = new Schema<UpgradeStep>(
  {
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    kind: { type: String, required: true, enum: STEP_KINDS },
    text: { type: String, maxlength: UPGRADE_LIMITS.text },
    reminder: { type: String, enum: REMINDER_KINDS },
    notify: { type: [String], default: undefined },
  },
  { _id: false },
);

const planSchema = new Schema<UpgradePlan>(
  {
    notes: { type: String, maxlength: UPGRADE_LIMITS.text },
    scope: { type: String, maxlength: UPGRADE_LIMITS.text },
    steps: { type: String, maxlength: UPGRADE_LIMITS.text },
    rollbackPlan: { type: String, maxlength: UPGRADE_LIMITS.text },
    impact: { type: String, maxlength: UPGRADE_LIMITS.text },
  },
  { _id: false },
);

const reminderSchema = new Schema<Reminder>(
  {
    kind: { type: String, required: true, enum: REMINDER_KINDS },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const upgradeSchema = new Schema<Upgrade>(
  {
    _id: { type: String, required: true },
    system: { type: String, required: true, maxlength: UPGRADE_LIMITS.system },
    toVersion: { type: String, required: true, maxlength: 100 },
    fromVersion: { type: String, maxlength: 100 },
    summary: { type: String, required: true, maxlength: UPGRADE_LIMITS.summary },
    plan: { type: planSchema, default: {} },
    risk: { type: String, required: true, enum: RISKS },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    state: { type: String, required: true, enum: UPGRADE_STATES },
    author: { type: String, required: true },
    approval: { type: approvalSchema, required: false },
    nextReminder: { type: reminderSchema, default: null },
    startedAt: Date,
    startedBy: String,
    endedAt: Date,
    endedBy: String,
    verified: Boolean,
    version: { type: Number, required: true, default: 0 },
    timeline: { type: [stepSchema], default: [] },
    requestKey: String,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
// Each index names exactly the keys of one filter (the embedded engine uses an index only then):
// the sweep's due reminders, the overlap check and the alerts' lookup of a system's window, the
// approvals past their deadline, `/upgrade list`, `/upgrade history`.
upgradeSchema.index({ state: 1, 'nextReminder.at': 1 });
upgradeSchema.index({ system: 1, state: 1 });
upgradeSchema.index({ 'approval.state': 1, 'approval.expiresAt': 1 });
upgradeSchema.index({ state: 1, start: 1 });
upgradeSchema.index({ requestKey: 1 }, { unique: true, sparse: true });

export type UpgradeModel = Model<Upgrade>;

export function bindUpgrade(connection: Connection): UpgradeModel {
  return connection.model<Upgrade>('Upgrade', upgradeSchema, 'upgrades');
}
