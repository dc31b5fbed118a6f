// POST /webhooks/restores/:id: the executor's progress on an approved restore. The kernel's guard
// has checked the bearer token, the size and the JSON; here: the report's fields (400 naming
// each), the restore (404 unknown), whether progress may be reported for it (409 for one never
// approved, or past that step), and 202 once the change is stored. The same report again is 202
// and changes nothing.
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { UserError } from '../../chat/user-error.js';
import { RETRY_AFTER_S } from '../../http/deadline.js';
import { sendError } from '../../http/json-error.js';
import type { WebhookPath } from '../../http/webhooks.js';
import { EXECUTOR_ACTOR_KEY } from '../ops/audit-vocabulary.js';
import { readProgress } from './progress-format.js';
import { normalizeRestoreId } from './rules/restore-book.js';
import type { RestoreProgress } from './rules/progress.js';

const EXECUTOR = { key: EXECUTOR_ACTOR_KEY, via: 'webhook' };

/** The HTTP answer of each refusal the progress rules give. */
const REFUSALS: Record<string, [number, string]> = {
  'restore.errors.not_found': [404, 'not_found'],
  'restore.errors.not_approved': [409, 'not_approved'],
  'restore.errors.progress_refused': [409, 'progress_refused'],
};

export function restoreWebhookHandlers(parts: {
  progress: RestoreProgress;
  logger: Logger;
}): Partial<Record<WebhookPath, RequestHandler>> {
  return { '/restores/:id': progressHandler(parts) };
}

function progressHandler({ progress, logger }: { progress: RestoreProgress; logger: Logger }): RequestHandler {
  return async (req, res) => {
    const raw = String(req.params.id ?? '');
    if (raw.length > 40) return sendError(res, 404, 'not_found', ['id: no such restore']);
    const id = normalizeRestoreId(raw);
    const read = readProgress(req.body);
    if (!read.ok) return sendError(res, 400, 'invalid_payload', read.details);
    try {
      const { restore, changed } = await progress.report(id, read.report, EXECUTOR);
      res.status(202).json({ accepted: 1, id: restore._id, state: restore.state, changed });
    } catch (error) {
      if (error instanceof UserError && REFUSALS[error.code]) {
        const [status, code] = REFUSALS[error.code]!;
        const state = typeof error.params.state === 'string' ? error.params.state : undefined;
        return sendError(res, status, code, [describe(code, id, state)]);
      }
      logger.error({ err: error, restore: id }, 'restore progress could not be stored');
      res.set('Retry-After', String(RETRY_AFTER_S));
      return sendError(res, 503, 'not_stored', ['the report could not be stored; send it again']);
    }
  };
}

function describe(code: string, id: string, state: string | undefined): string {
  if (code === 'not_found') return `id: no restore ${id}`;
  if (code === 'not_approved') return `id: ${id} was never approved (it is ${state}); nothing may be restored`;
  return `status: ${id} is ${state}; that report does not follow from it`;
}
