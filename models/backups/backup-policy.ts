// A system × scope's backup policy where someone changed it (`/backup policy set`); a system × scope
// without one follows the plan's defaults (src/domains/backups/rules/policy.ts). Each value is
// milliseconds, null for "none" (that check is off), or absent for "the plan's default".
import { Schema, type Connection, type Model } from 'mongoose';
import type { Scope } from './backup-run.js';

export const POLICY_FIELDS = ['full', 'incremental', 'grace', 'offsite', 'retain'] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];

/** What was set: a number of milliseconds, or null for none. A field left out follows the default. */
export type PolicyOverrides = Partial<Record<PolicyField, number | null>>;

export interface BackupPolicy {
  /** `system|scope`, as the summary's. */
  _id: string;
  system: string;
  scope: Scope;
  overrides: PolicyOverrides;
  setBy: string;
  setAt: Date;
  /** Raised by each change. */
  version: number;
}

const backupPolicySchema = new Schema<BackupPolicy>(
  {
    _id: { type: String, required: true },
    system: { type: String, required: true, maxlength: 100 },
    scope: { type: String, required: true },
    overrides: { type: Schema.Types.Mixed, default: {} },
    setBy: { type: String, required: true },
    setAt: { type: Date, required: true },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, minimize: false },
);
backupPolicySchema.index({ system: 1 });

export type BackupPolicyModel = Model<BackupPolicy>;

export function bindBackupPolicy(connection: Connection): BackupPolicyModel {
  return connection.model<BackupPolicy>('BackupPolicy', backupPolicySchema, 'backup_policies');
}
