// The restores domain (issue 13): `/restore request | list | show` and its form; the request's
// card in the approvals channel with its approve / reject buttons (N distinct approvers through
// the approval engine, never the requester); on the quorum the signed call to the executor
// (stored first, retried for an hour, never repeated after a 2xx) or, without one, execution by
// hand; the executor's progress through POST /webhooks/restores/:id, a checksum that differs from
// the backup's raised as a finding; verification by the seed's two questions, a "no" opening an
// incident; everything in the audit trail.
import { registerRestore } from '../../../handlers/restores/register.js';
import { RestoreJobs } from '../../../jobs/restores/sweep.js';
import { bindRestoreModels } from '../../../models/restores/index.js';
import type { DomainModule } from '../module.js';
import { RestoreAnnouncer } from './announcer.js';
import { checksumFindingName, checksumFindingSummary, verifyIncidentWords } from './cards/finding-text.js';
import { RESTORE_CONFIG } from './config.js';
import { RESTORE_PERMISSIONS } from './permissions.js';
import { ChecksumFinding } from './rules/checksum-finding.js';
import { RestoreDecisions } from './rules/decisions.js';
import { RestoreDelivery } from './rules/delivery.js';
import { ExecutorClient } from './rules/executor-client.js';
import { RestoreProgress } from './rules/progress.js';
import { RestoreBook } from './rules/restore-book.js';
import { RestoreRequests } from './rules/requests.js';
import { RestoreVerification } from './rules/verification.js';
import { restoreWebhookHandlers } from './webhooks.js';
import { restoreReportSection } from './report.js';

export const restores: DomainModule = {
  name: 'restores',
  commands: { restore: ['request', 'list', 'show'] },
  permissions: RESTORE_PERMISSIONS,
  config: RESTORE_CONFIG,
  models: bindRestoreModels,
  build({ config, models, agenda, notifier, teamT, clock, services, ...kernel }) {
    const logger = kernel.logger.child({ component: 'restores' });
    const zone = config.timezone;
    const { ops, approvals } = services;
    const book = new RestoreBook(models.RestoreRequest, ops.audit, clock);
    const { executorUrl, executorSecret } = config.restore;
    const client = executorUrl && executorSecret ? new ExecutorClient(executorUrl, executorSecret, clock) : undefined;
    book.observe(new RestoreAnnouncer(notifier, clock, zone));
    const delivery = client ? new RestoreDelivery(book, client, logger) : undefined;
    if (delivery) book.observe(delivery);
    const requests = new RestoreRequests({
      book,
      backups: { runs: models.BackupRun, summaries: models.BackupSummary },
      counters: models.Counter,
      requestKeys: models.RequestKey,
      approvals,
      settings: config.restores,
    });
    const decisions = new RestoreDecisions({ book, approvals, executor: client !== undefined });
    const finding = new ChecksumFinding({
      alerts: services.alerts,
      alertModel: models.Alert,
      words: { name: () => checksumFindingName(teamT), summary: (r) => checksumFindingSummary(teamT, r) },
    });
    const progress = new RestoreProgress(book, finding);
    const verification = new RestoreVerification(book, services.incidents, (r) => verifyIncidentWords(teamT, r));
    const jobs = new RestoreJobs(
      agenda,
      {
        expireDue: () => decisions.expireDue(),
        deliverDue: () => delivery?.deliverDue() ?? Promise.resolve(0),
        finishVerifications: () => verification.finishOpen(),
      },
      logger,
    );
    jobs.define();
    return {
      reportSections: [restoreReportSection(models.RestoreRequest)],
      register: (router) =>
        registerRestore(router, {
          book,
          requests,
          decisions,
          progress,
          verification,
          approvals,
          audit: ops.audit,
          backups: { runs: models.BackupRun, summaries: models.BackupSummary },
          timezone: zone,
          clock,
        }),
      scheduleJobs: () => jobs.schedule(),
      stop: () => delivery?.stop(),
      webhooks: restoreWebhookHandlers({ progress, logger }),
    };
  },
};
