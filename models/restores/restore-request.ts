// A data restore as the plan has it (seed 6.3): asked for with a reason, approved by N people,
// executed (by the executor Zhiban calls, or by hand), its result checked against the backup's
// checksum, and verified by a person. One document per request; every change is one conditional
// update that increments `version` (the card's buttons carry it) and adds a line to `timeline`.
import { Schema, type Connection, type Model } from 'mongoose';
import { approvalSchema, type Approval } from '../approvals/approval.js';
import { KINDS, LOCATIONS, SCOPES, type Kind, type Location, type Scope } from '../backups/backup-run.js';

/**
 * `pending` (approvals) → `approved` (waiting for execution) → `running` → `succeeded` → `verified`
 * or `verify_failed`; `rejected` and `expired` end a pending one; `failed` ends an execution (the
 * executor's failure, a checksum that differs from the backup's, or an executor that never took it).
 */
export const RESTORE_STATES = [
  'pending',
  'approved',
  'running',
  'succeeded',
  'failed',
  'verified',
  'verify_failed',
  'rejected',
  'expired',
] as const;
export type RestoreState = (typeof RESTORE_STATES)[number];

/** Still something to do (approve, execute, verify). */
export const OPEN_RESTORE_STATES: readonly RestoreState[] = ['pending', 'approved', 'running', 'succeeded'];

/** The backup as it was when the restore was asked for. */
export interface BackupSnapshot {
  id: string;
  system: string;
  scope: Scope;
  kind: Kind;
  finishedAt?: Date;
  sizeBytes?: number;
  location: Location;
  checksum?: string;
  verified: boolean;
}

export const STEP_KINDS = [
  'requested',
  'approval',
  'approved',
  'rejected',
  'expired',
  'executor_call',
  'executor_answer',
  /** An attempt whose process died before it heard an answer: taken again. */
  'executor_lost',
  'executor_gave_up',
  'running',
  'succeeded',
  'failed',
  'verified',
  'verify_failed',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** One line of the timeline `/restore show` tells, from request to verification. */
export interface RestoreStep {
  at: Date;
  /** `platform:id`, `system` (Zhiban's jobs) or `executor`. */
  actor: string;
  kind: StepKind;
  /** What a person wrote (a reason, a message), or the executor's message. */
  text?: string;
  /** approval: how many now; executor_call: which attempt. */
  count?: number;
  /** executor_answer: the HTTP status (0: no answer). */
  status?: number;
  /** executor_answer without success: when it is tried again. */
  retryAt?: Date;
  /** succeeded/failed: the checksum reported, and whether it is the backup's. */
  checksum?: string;
  match?: ChecksumMatch;
  /** verify: the answers to seed 6.3.3's two questions, and the incident a "no" opened. */
  dataOk?: boolean;
  systemOk?: boolean;
  incidentId?: string;
}

/** `unknown`: the backup has no checksum to compare with. */
export type ChecksumMatch = 'match' | 'mismatch' | 'unknown';

/** How an approved restore is carried out: the executor of RESTORE_EXECUTOR_URL, or people (dataops). */
export const EXECUTION_MODES = ['executor', 'manual'] as const;
export type ExecutionMode = (typeof EXECUTION_MODES)[number];

/**
 * The call to the executor, stored before it is made: `waiting` (due at `nextAt`), `sending` (a
 * process holds it since `claimedAt`), `delivered` (a 2xx: never called again), `refused` (a 4xx),
 * `given_up` (no 2xx within the hour). Manual executions have only `mode`.
 */
export const DELIVERY_STATES = ['waiting', 'sending', 'delivered', 'refused', 'given_up'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface Execution {
  mode: ExecutionMode;
  state?: DeliveryState;
  attempts: number;
  nextAt?: Date;
  claimedAt?: Date;
  /** No 2xx by then, and it is given up. */
  deadline?: Date;
}

export interface RestoreResult {
  at: Date;
  checksum?: string;
  match: ChecksumMatch;
  message?: string;
}

export interface Verification {
  by: string;
  at: Date;
  dataOk: boolean;
  systemOk: boolean;
  note?: string;
  incidentId?: string;
}

export interface RestoreRequest {
  /** RST-3 */
  _id: string;
  system: string;
  backup: BackupSnapshot;
  /** Where to restore to (the system itself unless said otherwise). */
  target: string;
  reason: string;
  requester: string;
  /** The backup was never reported verified (`latest` found no verified full): the card warns. */
  unverified: boolean;
  /** `latest` was asked for (the card says which backup it chose). */
  latest: boolean;
  state: RestoreState;
  approval: Approval;
  /** Every change increments it; buttons carry it (`RST-3~4`). */
  version: number;
  execution?: Execution;
  result?: RestoreResult;
  verification?: Verification;
  timeline: RestoreStep[];
  /** The platform's id of the request that asked, so a retried one makes no second request. */
  requestKey?: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Limits of what people write. */
export const RESTORE_LIMITS = { reason: 2000, target: 200, message: 2000, checksum: 200, note: 2000 } as const;

const backupSchema = new Schema<BackupSnapshot>(
  {
    id: { type: String, required: true },
    system: { type: String, required: true },
    scope: { type: String, required: true, enum: SCOPES },
    kind: { type: String, required: true, enum: KINDS },
    finishedAt: Date,
    sizeBytes: Number,
    location: { type: String, required: true, enum: LOCATIONS },
    checksum: String,
    verified: { type: Boolean, required: true },
  },
  { _id: false },
);

const stepSchema = new Schema<RestoreStep>(
  {
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    kind: { type: String, required: true, enum: STEP_KINDS },
    text: { type: String, maxlength: 4000 },
    count: Number,
    status: Number,
    retryAt: Date,
    checksum: String,
    match: { type: String, enum: ['match', 'mismatch', 'unknown'] },
    dataOk: Boolean,
    systemOk: Boolean,
    incidentId: String,
  },
  { _id: false },
);

const executionSchema = new Schema<Execution>(
  {
    mode: { type: String, required: true, enum: EXECUTION_MODES },
    state: { type: String, enum: DELIVERY_STATES },
    attempts: { type: Number, default: 0 },
    nextAt: Date,
    claimedAt: Date,
    deadline: Date,
  },
  { _id: false },
);

const resultSchema = new Schema<RestoreResult>(
  {
    at: { type: Date, required: true },
    checksum: { type: String, maxlength: RESTORE_LIMITS.checksum },
    match: { type: String, required: true, enum: ['match', 'mismatch', 'unknown'] },
    message: { type: String, maxlength: RESTORE_LIMITS.message },
  },
  { _id: false },
);

const verificationSchema = new Schema<Verification>(
  {
    by: { type: String, required: true },
    at: { type: Date, required: true },
    dataOk: { type: Boolean, required: true },
    systemOk: { type: Boolean, required: true },
    note: { type: String, maxlength: RESTORE_LIMITS.note },
    incidentId: String,
  },
  { _id: false },
);

const restoreSchema = new Schema<RestoreRequest>(
  {
    _id: { type: String, required: true },
    system: { type: String, required: true, maxlength: 100 },
    backup: { type: backupSchema, required: true },
    target: { type: String, required: true, maxlength: RESTORE_LIMITS.target },
    reason: { type: String, required: true, maxlength: RESTORE_LIMITS.reason },
    requester: { type: String, required: true },
    unverified: { type: Boolean, default: false },
    latest: { type: Boolean, default: false },
    state: { type: String, required: true, enum: RESTORE_STATES },
    approval: { type: approvalSchema, required: true },
    version: { type: Number, required: true, default: 0 },
    execution: { type: executionSchema, required: false },
    result: { type: resultSchema, required: false },
    verification: { type: verificationSchema, required: false },
    timeline: { type: [stepSchema], default: [] },
    requestKey: String,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// Each index names exactly the keys of one filter (the embedded engine uses an index only then):
// `/restore list open`; the sweep's pending requests past their deadline, executor calls due,
// calls whose process died, and failed verifications whose incident is not linked yet.
restoreSchema.index({ state: 1 });
restoreSchema.index({ 'approval.state': 1, 'approval.expiresAt': 1 });
restoreSchema.index({ state: 1, 'execution.state': 1, 'execution.nextAt': 1 });
restoreSchema.index({ 'execution.state': 1, 'execution.claimedAt': 1 });
restoreSchema.index({ state: 1, 'verification.incidentId': 1 });
restoreSchema.index({ requestKey: 1 }, { unique: true, sparse: true });

export type RestoreRequestModel = Model<RestoreRequest>;

export function bindRestoreRequest(connection: Connection): RestoreRequestModel {
  return connection.model<RestoreRequest>('RestoreRequest', restoreSchema, 'restore_requests');
}
