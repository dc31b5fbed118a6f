// A storage backups are written to (seed 6.2.1), as the latest report naming it said, and what its
// checks last said. Its history, one sample an hour, is in storage-sample.ts.
import { Schema, type Connection, type Model } from 'mongoose';
import type { FindingState } from './backup-summary.js';

export interface BackupStorage {
  /** The name reports give it (`nas-01`). */
  _id: string;
  totalBytes: number;
  freeBytes: number;
  /** When a report last said so. */
  at: Date;
  /** Raised by every report naming it. */
  rev: number;
  findings: Record<string, FindingState>;
}

const backupStorageSchema = new Schema<BackupStorage>(
  {
    _id: { type: String, required: true },
    totalBytes: { type: Number, required: true },
    freeBytes: { type: Number, required: true },
    at: { type: Date, required: true },
    rev: { type: Number, default: 0 },
    findings: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, minimize: false },
);

export type BackupStorageModel = Model<BackupStorage>;

export function bindBackupStorage(connection: Connection): BackupStorageModel {
  return connection.model<BackupStorage>('BackupStorage', backupStorageSchema, 'backup_storages');
}
