// The backups domain's models: runs as reported, a summary and a policy per system × scope,
// storages with their hourly samples, and the days the daily report was sent.
import type { Connection } from 'mongoose';
import { bindBackupPolicy } from './backup-policy.js';
import { bindBackupRun } from './backup-run.js';
import { bindBackupStorage } from './backup-storage.js';
import { bindBackupSummary } from './backup-summary.js';
import { bindReportDay } from './report-day.js';
import { bindStorageSample } from './storage-sample.js';

export function bindBackupModels(connection: Connection) {
  return {
    BackupRun: bindBackupRun(connection),
    BackupSummary: bindBackupSummary(connection),
    BackupPolicy: bindBackupPolicy(connection),
    BackupStorage: bindBackupStorage(connection),
    StorageSample: bindStorageSample(connection),
    BackupReportDay: bindReportDay(connection),
  };
}

export type BackupModels = ReturnType<typeof bindBackupModels>;

declare module '../index.js' {
  interface Models extends BackupModels {}
}
