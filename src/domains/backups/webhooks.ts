// POST /webhooks/backups: read each report, store the valid ones, then answer — 202 only once
// stored; invalid reports are listed in a 400 that still says how many of the others were accepted,
// as the alert webhooks answer.
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { RETRY_AFTER_S } from '../../http/deadline.js';
import { sendError } from '../../http/json-error.js';
import type { WebhookPath } from '../../http/webhooks.js';
import type { Clock } from '../../kernel/clock.js';
import { readReport, reportsOf, type BackupReport } from './format.js';
import type { BackupMetrics } from './metrics.js';
import type { BackupIntake } from './rules/intake.js';

export interface BackupWebhookParts {
  intake: BackupIntake;
  metrics: BackupMetrics;
  clock: Clock;
  logger: Logger;
}

export function backupWebhookHandlers(parts: BackupWebhookParts): Partial<Record<WebhookPath, RequestHandler>> {
  return { '/backups': backupHandler(parts) };
}

function backupHandler(parts: BackupWebhookParts): RequestHandler {
  return async (req, res) => {
    const raw = reportsOf(req.body);
    if (!raw) return sendError(res, 400, 'invalid_payload', ['(body): must be a report object or an array of reports']);
    const now = parts.clock.now();
    const valid: BackupReport[] = [];
    const invalid: Array<{ index: number; reason: string }> = [];
    raw.forEach((item, index) => {
      const read = readReport(item, now);
      if (read.ok) valid.push(read.report);
      else invalid.push({ index, reason: read.reason });
    });
    let accepted: number;
    try {
      const stored = await parts.intake.accept(valid);
      accepted = stored.accepted;
      if (stored.ignored > 0) parts.metrics.reportsIgnored.inc(stored.ignored);
    } catch (error) {
      parts.logger.error({ err: error, reports: valid.length }, 'backup reports could not be stored');
      res.set('Retry-After', String(RETRY_AFTER_S));
      return sendError(res, 503, 'not_stored', ['the reports could not be stored; send them again']);
    }
    for (const report of valid) parts.metrics.reportsReceived.inc({ status: report.status });
    if (invalid.length > 0) {
      parts.metrics.reportsRejected.inc(invalid.length);
      res.status(400).json({ error: 'invalid_reports', details: invalid, accepted });
      return;
    }
    res.status(202).json({ accepted });
  };
}
