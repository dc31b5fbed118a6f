// POST /webhooks/alertmanager, /grafana and /alerts: read the format, clean and map each alert,
// store the valid ones, then answer. 202 only once stored; invalid alerts are listed in a 400
// that still says how many of the others were accepted.
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { AlertMetrics } from './metrics.js';
import type { AlertIntake, NormalizedAlert } from './rules/intake.js';
import type { AlertNormalizer } from './rules/normalizer.js';
import { alertmanagerFormat } from './formats/alertmanager.js';
import type { AlertFormat } from './formats/common.js';
import { genericFormat } from './formats/generic.js';
import { grafanaFormat } from './formats/grafana.js';
import { RETRY_AFTER_S } from '../../http/deadline.js';
import { sendError } from '../../http/json-error.js';
import type { WebhookPath } from '../../http/webhooks.js';

export interface AlertWebhookParts {
  intake: AlertIntake;
  /** Says a sender's test notification in the alerts channel, instead of storing it as firing. */
  testNotice(alert: NormalizedAlert): Promise<void>;
  normalizer: AlertNormalizer;
  metrics: AlertMetrics;
  logger: Logger;
}

export function alertWebhookHandlers(parts: AlertWebhookParts): Partial<Record<WebhookPath, RequestHandler>> {
  return {
    '/alertmanager': alertHandler(alertmanagerFormat, parts),
    '/grafana': alertHandler(grafanaFormat, parts),
    '/alerts': alertHandler(genericFormat, parts),
  };
}

function alertHandler(format: AlertFormat, parts: AlertWebhookParts): RequestHandler {
  return async (req, res) => {
    const envelope = format.envelope(req.body);
    if (!envelope.ok) return sendError(res, 400, 'invalid_payload', envelope.problems);
    const valid: NormalizedAlert[] = [];
    const tests: NormalizedAlert[] = [];
    const invalid: Array<{ index: number; reason: string }> = [];
    envelope.alerts.forEach((raw, index) => {
      const read = format.alert(raw);
      const result = read.ok ? parts.normalizer.normalize(read.alert) : read;
      if (!result.ok) invalid.push({ index, reason: result.reason });
      else if (read.ok && read.alert.test) tests.push(result.alert);
      else valid.push({ ...result.alert, truncatedInBatch: envelope.truncated });
    });
    let accepted: number;
    try {
      ({ accepted } = await parts.intake.accept(valid));
      for (const test of tests) await parts.testNotice(test);
      accepted += tests.length;
    } catch (error) {
      parts.logger.error({ err: error, source: format.source, alerts: valid.length }, 'alerts could not be stored');
      res.set('Retry-After', String(RETRY_AFTER_S));
      return sendError(res, 503, 'not_stored', ['the alerts could not be stored; send them again']);
    }
    count(parts.metrics, format.source, valid, invalid.length);
    if (invalid.length > 0) {
      res.status(400).json({ error: 'invalid_alerts', details: invalid, accepted });
      return;
    }
    res.status(202).json({ accepted });
  };
}

function count(metrics: AlertMetrics, source: string, valid: NormalizedAlert[], rejected: number): void {
  const firing = valid.filter((a) => a.status === 'firing').length;
  if (firing > 0) metrics.alertsReceived.inc({ source, status: 'firing' }, firing);
  if (valid.length > firing) metrics.alertsReceived.inc({ source, status: 'resolved' }, valid.length - firing);
  if (rejected > 0) metrics.alertsRejected.inc({ source }, rejected);
}
