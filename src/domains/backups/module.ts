// The backups domain (issue 12): backup run reports through POST /webhooks/backups, a policy per
// system × scope (seed 6.1.2), the checks (missed, failed, stuck, too small, unverified, no off-site
// copy, storage) as findings said through the alert machinery in the backups channel, the daily
// report at 09:00 with what passed its retention, and `/backup status | policy | report`.
import { registerBackup } from '../../../handlers/backups/register.js';
import { BackupJobs } from '../../../jobs/backups/checks.js';
import { bindBackupModels } from '../../../models/backups/index.js';
import type { DomainModule } from '../module.js';
import { BackupAnnouncer } from './announcer.js';
import { findingName, findingSummary } from './cards/finding-text.js';
import { BACKUP_CONFIG } from './config.js';
import { backupMetrics } from './metrics.js';
import { BACKUP_PERMISSIONS } from './permissions.js';
import { AtOnceChecks } from './rules/at-once.js';
import { BackupChecks } from './rules/backup-checks.js';
import { BackupIntake } from './rules/intake.js';
import { BackupPolicies } from './rules/policies.js';
import { BackupReporter } from './rules/report.js';
import { RetentionList } from './rules/retention.js';
import { BackupStatus } from './rules/status.js';
import { backupWebhookHandlers } from './webhooks.js';
import { backupReportSection } from './report-section.js';

export const backups: DomainModule = {
  name: 'backups',
  commands: { backup: ['status', 'policy', 'report'] },
  permissions: BACKUP_PERMISSIONS,
  config: BACKUP_CONFIG,
  models: bindBackupModels,
  build({ config, models, agenda, notifier, metrics, teamT, clock, services, ...kernel }) {
    const logger = kernel.logger.child({ component: 'backups' });
    const zone = config.timezone;
    const settings = { smallBelow: config.backups.smallBelow };
    const checks = new BackupChecks({
      summaries: models.BackupSummary,
      policies: models.BackupPolicy,
      runs: models.BackupRun,
      storages: models.BackupStorage,
      samples: models.StorageSample,
      alerts: { raise: (alerts) => services.alerts.raise(alerts, 'backups') },
      words: {
        name: (check) => findingName(teamT, check),
        summary: (about, f) => findingSummary(teamT, about, f, zone),
      },
      settings,
      clock,
      logger,
    });
    const intake = new BackupIntake({
      runs: models.BackupRun,
      summaries: models.BackupSummary,
      storages: models.BackupStorage,
      samples: models.StorageSample,
      clock,
      logger,
    });
    const atOnce = new AtOnceChecks(checks, logger);
    intake.listen(atOnce);
    const status = new BackupStatus({
      summaries: models.BackupSummary,
      policies: models.BackupPolicy,
      settings,
      clock,
    });
    const policies = new BackupPolicies({
      policies: models.BackupPolicy,
      summaries: models.BackupSummary,
      audit: services.ops.audit,
      clock,
      changed: (key) => checks.checkSummaries([key]),
    });
    const retention = new RetentionList({
      runs: models.BackupRun,
      policies: models.BackupPolicy,
      summaries: models.BackupSummary,
    });
    const reporter = new BackupReporter({
      status,
      runs: models.BackupRun,
      storages: models.BackupStorage,
      samples: models.StorageSample,
      retention,
    });
    const announcer = new BackupAnnouncer({
      reporter,
      retention,
      days: models.BackupReportDay,
      notifier,
      teamT,
      timezone: zone,
      clock,
    });
    const jobs = new BackupJobs(
      agenda,
      { sweep: () => checks.sweep(), dailyReport: () => announcer.dailyReport() },
      zone,
      clock,
      logger,
    );
    jobs.define();
    return {
      reportSections: [backupReportSection(models.BackupRun)],
      register: (router) => registerBackup(router, { status, policies, reporter, timezone: zone, clock }),
      scheduleJobs: () => jobs.schedule(),
      stop: () => atOnce.stop(),
      webhooks: backupWebhookHandlers({ intake, metrics: backupMetrics(metrics.registry), clock, logger }),
      stormDigests: { backups: services.alerts.stormDigest('backups') },
    };
  },
};
