// What the checks need to know of one system × scope, kept up to date by the intake so that a
// check sweep reads one small document per system × scope instead of the runs' history: the
// recent succeeded runs of each kind, the recent failures, the runs in progress, the latest
// off-site copy, and what each check last said (so a finding is raised or resolved once, not every
// minute).
//
// Runs are kept in maps keyed by runKey(backupId), not in lists: every write to a summary is then
// one update by `_id` alone whose operators are idempotent ($set of a run under its key, of its
// verification, $max of the off-site time), so a report applied twice, late or by two processes at
// once leaves the summary as one report would — and the embedded engine, which only uses an index
// for a filter naming exactly its keys, finds the document by its `_id` index. A run is running
// until its key appears among the succeeded or failed ones. The check sweep trims the maps back to
// the newest few (src/domains/backups/rules/summary-updates.ts).
import { createHash } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Kind, Location, Scope } from './backup-run.js';

/** Succeeded runs read per kind: the latest, and the five before it for the medians of the checks. */
export const RECENT_KEPT = 6;

export interface RecentRun {
  id: string;
  startedAt: Date;
  finishedAt: Date;
  sizeBytes?: number;
  location: Location;
  verified: boolean;
}

export interface FailedRun {
  id: string;
  startedAt: Date;
  finishedAt: Date;
  message?: string;
}

export interface RunningRun {
  id: string;
  kind: Kind;
  startedAt: Date;
}

/** What a check last said of one finding: firing or not, with the text said (to resolve it in the same words). */
export interface FindingState {
  firing: boolean;
  /** A hash of the finding's name, severity and text: a change is said again. */
  hash: string;
  summary: string;
}

export interface BackupSummary {
  /** `system|scope` (see summaryKey). */
  _id: string;
  system: string;
  scope: Scope;
  /** When the system's first report arrived: a scope never backed up is late from here. */
  knownSince: Date;
  /** Raised by every intake write and policy change: a check's verdict is for the revision it read. */
  rev: number;
  /** Succeeded runs of each kind by runKey (their `verified` is in `verified`). */
  recent: Partial<Record<Kind, Record<string, Omit<RecentRun, 'verified'>>>>;
  /** The runs the tool reported verified, by runKey: kept apart so it only ever becomes true. */
  verified?: Record<string, true>;
  /** Failed runs of each kind by runKey; the latest (by start) is what the checks read. */
  failed: Partial<Record<Kind, Record<string, FailedRun>>>;
  /** Runs reported running, by runKey; one whose key is among the succeeded or failed has ended. */
  running: Record<string, RunningRun>;
  /** When the latest succeeded copy at remote, tape or cloud finished. */
  offsiteAt?: Date | null;
  /** By finding key (`late:full`, `small`, …). */
  findings: Record<string, FindingState>;
}

/** The summary's id: a system name holds no `|` (the intake refuses one). */
export function summaryKey(system: string, scope: Scope): string {
  return `${system}|${scope}`;
}

/** A run's key in a summary's maps: a tool's id may hold `.` or `$`, which a field name may not. */
export function runKey(backupId: string): string {
  return createHash('sha256').update(backupId).digest('hex').slice(0, 20);
}

const backupSummarySchema = new Schema<BackupSummary>(
  {
    _id: { type: String, required: true },
    system: { type: String, required: true, maxlength: 100 },
    scope: { type: String, required: true },
    knownSince: { type: Date, required: true },
    rev: { type: Number, default: 0 },
    recent: { type: Schema.Types.Mixed, default: {} },
    failed: { type: Schema.Types.Mixed, default: {} },
    running: { type: Schema.Types.Mixed, default: {} },
    offsiteAt: Date,
    findings: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, minimize: false },
);
backupSummarySchema.index({ system: 1 });

export type BackupSummaryModel = Model<BackupSummary>;

export function bindBackupSummary(connection: Connection): BackupSummaryModel {
  return connection.model<BackupSummary>('BackupSummary', backupSummarySchema, 'backup_summaries');
}
