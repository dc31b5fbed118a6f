// `GET /api/audit/export?id=&by=&from=&to=`: the audit trail as a CSV download, for a signed-in
// admin or pm, in their language; the same filters as `/ops audit export` (README, "Commands").
// Bad parameters are 400 naming each one; anyone else is refused 403, and the refusal recorded.
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { sendError } from '../../../http/json-error.js';
import type { Translator } from '../../../kernel/i18n.js';
import type { AuditReader } from '../../../domains/ops/rules/audit-export.js';
import { viewerOf } from '../http/viewer.js';

export interface AuditRouteDeps {
  reader: Pick<AuditReader, 'forConsole'>;
  translator: Translator;
}

/** The download route, mounted behind requireViewer (a session cookie; GET needs no CSRF token). */
export function auditRoutes(deps: AuditRouteDeps): Router {
  const router = Router();
  router.get('/audit/export', async (req, res) => {
    const viewer = viewerOf(res);
    const answer = await deps.reader.forConsole(
      { key: viewer.key, roles: viewer.roles },
      req.query as Record<string, unknown>,
      deps.translator.forLocale(viewer.locale),
    );
    if (answer.outcome === 'invalid') return sendError(res, 400, 'invalid_request', answer.details);
    if (answer.outcome === 'refused') return sendError(res, 403, 'role_required', answer.details);
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${answer.filename}"`,
      'Cache-Control': 'no-store',
    });
    // A failure half way (the database went away) ends the response unfinished, not as a whole file.
    await pipeline(answer.csv, res);
  });
  return router;
}
