// The duty domain's HTTP paths (issue 17; README "Duty roster"): calendar feeds per team and per
// person (`GET /duty/<team>.ics`, `GET /duty/people/<user>.ics`) and the roster as a spreadsheet
// (`GET /duty/<team>.xlsx|.csv`), all behind CALENDAR_TOKEN; importing a spreadsheet
// (`PUT /duty/<team>.xlsx|.csv`) behind WEBHOOK_TOKEN, the token scripts already post with: the
// calendar token only reads. An import is all or nothing: 422 lists every bad row.
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import { isDutyTeam, type DutyTeam } from '../../../models/duty/roster.js';
import type { Secret } from '../../config/secret.js';
import { requireFeedToken } from '../../http/feed-token.js';
import { sendError } from '../../http/json-error.js';
import { periodOf } from '../../kernel/calendar.js';
import type { Locale, Translate } from '../../kernel/i18n.js';
import type { Clock } from '../../kernel/clock.js';
import { writeCalendar } from '../../kernel/icalendar.js';
import { SYSTEM_ACTOR_KEY } from '../ops/audit-vocabulary.js';
import { problemLines } from './cards/import-result.js';
import { weekPage } from './page/week-page.js';
import { WEEK_PAGE_CSS } from './page/week-style.js';
import { teamName } from './cards/words.js';
import { RosterImportError, type Rosters } from './rules/rosters.js';
import { exportShifts, feedEvents, personFeedEvents } from './rules/roster-views.js';
import { readSheet, SheetShapeError, writeSheet, type SheetFormat } from './rules/spreadsheet.js';

/** The largest spreadsheet accepted: a year of daily shifts is a few tens of KB. */
const MAX_UPLOAD = '2mb';

/** What the duty domain's HTTP paths work with. */
export interface DutyRouteDeps {
  rosters: Rosters;
  /** The team's language, for the week page. */
  locale: Locale;
  calendarToken: Secret | undefined;
  webhookToken: Secret | undefined;
  /** The team's words, for the reasons of refused rows. */
  teamT: Translate;
  clock: Clock;
  zone: string;
}

/** `sysops.xlsx` → the team and the extension, if both are known. */
function fileOf(name: string): { team: DutyTeam; ext: string } | undefined {
  const match = /^([a-z]+)\.(ics|xlsx|csv)$/.exec(name);
  if (!match || !isDutyTeam(match[1]!)) return undefined;
  return { team: match[1] as DutyTeam, ext: match[2]! };
}

const CONTENT_TYPES: Record<string, string> = {
  ics: 'text/calendar; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** Passes `Authorization: Bearer <WEBHOOK_TOKEN>`; 401 JSON otherwise (every request, when it is unset). */
function requireWebhookToken(token: Secret | undefined): RequestHandler {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  const expected = token ? digest(token.reveal()) : undefined;
  return (req, res, next) => {
    const given = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim();
    if (!expected || !given || !timingSafeEqual(digest(given), expected)) {
      sendError(res, 401, 'unauthorized', ['authorization: Bearer WEBHOOK_TOKEN expected']);
      return;
    }
    next();
  };
}

/** The duty domain's HTTP paths, mounted at the root through DomainParts.routes. */
export function dutyRoutes(deps: DutyRouteDeps): Router {
  const router = Router();
  const feed = requireFeedToken(deps.calendarToken);

  const pageHeaders: RequestHandler = (_req, res, next) => {
    res.set({
      'Content-Security-Policy':
        "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      // The token is in the address: it must not travel on in a Referer.
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    });
    next();
  };

  router.get('/duty/style.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(WEEK_PAGE_CSS);
  });

  router.get('/duty/week.html', pageHeaders, feed, async (req, res) => {
    const offset = req.query.week === 'last' ? -1 : req.query.week === 'next' ? 1 : 0;
    const now = deps.clock.now();
    const html = weekPage({
      rosters: await deps.rosters.all(),
      week: periodOf('week', now, deps.zone, offset),
      now,
      zone: deps.zone,
      locale: deps.locale,
      t: deps.teamT,
      token: typeof req.query.token === 'string' ? req.query.token : '',
    });
    res.type('text/html; charset=utf-8').send(html);
  });

  router.get('/duty/people/:file', feed, async (req, res) => {
    const match = /^((?:slack|discord|web|feishu):[A-Za-z0-9._@-]{1,64})\.ics$/.exec(String(req.params.file));
    if (!match) return sendError(res, 404, 'not_found', ['file: <user>.ics, such as slack:U012AB.ics']);
    const now = deps.clock.now();
    const events = personFeedEvents(await deps.rosters.all(), match[1]!, now, deps.zone, deps.teamT);
    res.type(CONTENT_TYPES.ics!).send(writeCalendar({ name: `Zhiban · ${match[1]}`, events }, now));
  });

  router.get('/duty/:file', feed, async (req, res) => {
    const file = fileOf(String(req.params.file));
    if (!file) return sendError(res, 404, 'not_found', ['file: <team>.ics, <team>.xlsx or <team>.csv']);
    const roster = await deps.rosters.get(file.team);
    const now = deps.clock.now();
    if (file.ext === 'ics') {
      const events = roster ? feedEvents(roster, now, deps.zone, deps.teamT) : [];
      const name = `Zhiban · ${teamName(deps.teamT, file.team)}`;
      return res.type(CONTENT_TYPES.ics!).send(writeCalendar({ name, events }, now));
    }
    const rows = roster ? exportShifts(roster, now, deps.zone) : [];
    const body = await writeSheet(rows, file.ext as SheetFormat, file.team);
    res
      .type(CONTENT_TYPES[file.ext]!)
      .set('Content-Disposition', `attachment; filename="duty-${file.team}.${file.ext}"`)
      .send(body);
  });

  router.put(
    '/duty/:file',
    requireWebhookToken(deps.webhookToken),
    express.raw({ type: () => true, limit: MAX_UPLOAD }),
    async (req, res) => {
      const file = fileOf(String(req.params.file));
      if (!file || file.ext === 'ics') return sendError(res, 404, 'not_found', ['file: <team>.xlsx or <team>.csv']);
      const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      try {
        const rows = await readSheet(data, file.ext as SheetFormat);
        const by = { key: SYSTEM_ACTOR_KEY, via: 'webhook' };
        const shifts = await deps.rosters.importRows(file.team, rows, by);
        res.json({
          team: file.team,
          imported: shifts.length,
          from: shifts[0]?.start.toISOString() ?? null,
          to: shifts[shifts.length - 1]?.end.toISOString() ?? null,
        });
      } catch (error) {
        if (error instanceof SheetShapeError) {
          return sendError(res, 422, 'unreadable_file', [deps.teamT(`duty.import.shape.${error.problem}`)]);
        }
        if (error instanceof RosterImportError) {
          const lines = problemLines(deps.teamT, error.problems);
          return sendError(
            res,
            422,
            'invalid_rows',
            error.problems.map((p, i) => ({ row: p.row, code: p.code, reason: lines[i] })),
          );
        }
        throw error;
      }
    },
  );
  // A file over the limit is the sender's mistake, said as such rather than as a server error.
  const tooLarge: ErrorRequestHandler = (error, _req, res, next) => {
    if ((error as { type?: string }).type !== 'entity.too.large') return next(error);
    sendError(res, 413, 'too_large', [`body: at most ${MAX_UPLOAD}`]);
  };
  router.use(tooLarge);
  return router;
}
