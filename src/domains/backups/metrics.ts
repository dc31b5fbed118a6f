// The backups domain's counters on /metrics: reports stored, refused, and ignored as a step back.
import { Counter, type Registry } from 'prom-client';

/** Registers the counters on `registry` (one per Zhiban instance). */
export function backupMetrics(registry: Registry) {
  return {
    reportsReceived: new Counter({
      name: 'zhiban_backup_reports_received_total',
      help: 'Backup run reports stored from POST /webhooks/backups, by reported status',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    reportsRejected: new Counter({
      name: 'zhiban_backup_reports_rejected_total',
      help: 'Backup run reports refused as invalid (each reported back in the 400 answer)',
      registers: [registry],
    }),
    reportsIgnored: new Counter({
      name: 'zhiban_backup_reports_ignored_total',
      help: 'Backup run reports that would have moved a run backward (running after its end, failed after succeeded)',
      registers: [registry],
    }),
  };
}

export type BackupMetrics = ReturnType<typeof backupMetrics>;
