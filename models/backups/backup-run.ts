// One backup run as its tool reported it (seed 6.1–6.2), keyed by the tool's `backupId`. Its status
// only moves forward: `running`, then `succeeded` or `failed`, which is final. A report that comes
// again, or late (running after succeeded), changes nothing it should not; see
// src/domains/backups/rules/run-upsert.ts for the one write that keeps this.
import { Schema, type Connection, type Model } from 'mongoose';

/** Seed 6.1.1: business data, database files, configuration, OS images, other key files. */
export const SCOPES = ['business', 'database', 'config', 'os-image', 'other'] as const;
export type Scope = (typeof SCOPES)[number];
export const KINDS = ['full', 'incremental'] as const;
export type Kind = (typeof KINDS)[number];
export const RUN_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** Seed 6.1.3: local, remote, tape, cloud. */
export const LOCATIONS = ['local', 'remote', 'tape', 'cloud'] as const;
export type Location = (typeof LOCATIONS)[number];
/** Where a copy counts as off-site (seed 6.1.3 (2)–(4)). */
export const OFFSITE_LOCATIONS: readonly Location[] = ['remote', 'tape', 'cloud'];

export interface BackupRun {
  /** The tool's `backupId`. */
  _id: string;
  system: string;
  scope: Scope;
  kind: Kind;
  status: RunStatus;
  startedAt: Date;
  /** When it ended, as reported (the time of the report when a final one said nothing). */
  finishedAt?: Date;
  sizeBytes?: number;
  location: Location;
  /** Recorded to compare a restore with later; on its own it does not make a backup verified. */
  checksum?: string;
  /** The tool checked the backup's integrity (seed 6.2.2 (2)); once true, it stays true. */
  verified: boolean;
  message?: string;
  /** The storage it was written to, when the report named one. */
  storage?: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** How many reports of it arrived. */
  reports: number;
  /** When the daily report listed it as past its retention, for clean-up (it is listed once). */
  cleanupListedAt?: Date | null;
}

/** The keys of the index the final writes' filter names (unique: the embedded engine uses no other kind). */
export const RUN_FINAL_INDEX = { _id: 1, system: 1, scope: 1, kind: 1, status: 1 } as const;

const backupRunSchema = new Schema<BackupRun>(
  {
    _id: { type: String, required: true },
    system: { type: String, required: true, maxlength: 100 },
    scope: { type: String, required: true, enum: SCOPES },
    kind: { type: String, required: true, enum: KINDS },
    status: { type: String, required: true, enum: RUN_STATUSES },
    startedAt: { type: Date, required: true },
    finishedAt: Date,
    sizeBytes: Number,
    location: { type: String, required: true, enum: LOCATIONS },
    checksum: { type: String, maxlength: 200 },
    verified: { type: Boolean, default: false },
    message: { type: String, maxlength: 2000 },
    storage: { type: String, maxlength: 100 },
    firstSeenAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    reports: { type: Number, default: 1 },
    cleanupListedAt: Date,
  },
  { versionKey: false },
);
// The final writes' filter (src/domains/backups/rules/run-upsert.ts): the embedded engine uses an
// index only for a filter naming exactly its keys, and only a unique one; on MongoDB the _id
// index serves it anyway.
backupRunSchema.index(RUN_FINAL_INDEX, { unique: true });
// The retention listing: succeeded runs of a scope not yet listed, oldest first.
backupRunSchema.index({ scope: 1, status: 1, cleanupListedAt: 1, finishedAt: 1 });
// The daily report's volume of the last days.
backupRunSchema.index({ finishedAt: 1 });

export type BackupRunModel = Model<BackupRun>;

export function bindBackupRun(connection: Connection): BackupRunModel {
  return connection.model<BackupRun>('BackupRun', backupRunSchema, 'backup_runs');
}
