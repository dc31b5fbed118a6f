// The read-only token of the calendar feeds (`GET /maintenance.ics`, the duty rosters' feeds).
// Calendar programs subscribe to an address and send no headers, so the token rides in the query
// (`?token=`); a bearer header is accepted too, for scripts. It opens the feeds and nothing else,
// which is why it is not WEBHOOK_TOKEN (a leaked calendar address must not let anyone post alerts).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Secret } from '../config/secret.js';
import { sendError } from './json-error.js';

/**
 * Express guard for a feed: passes a request carrying CALENDAR_TOKEN as `?token=` or
 * `Authorization: Bearer`; otherwise answers 401 JSON (`unauthorized`, naming `token`). With no
 * token configured every request is refused.
 */
export function requireFeedToken(token: Secret | undefined): RequestHandler {
  const expected = token ? digest(token.reveal()) : undefined;
  return (req, res, next) => {
    if (!expected) {
      sendError(res, 401, 'unauthorized', ['token: calendar feeds are disabled until CALENDAR_TOKEN is set']);
      return;
    }
    const query = typeof req.query['token'] === 'string' ? req.query['token'] : undefined;
    const bearer = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim();
    const given = query ?? bearer;
    // Compare digests so the time taken says nothing about the token's length or prefix.
    if (!given || !timingSafeEqual(digest(given), expected)) {
      sendError(res, 401, 'unauthorized', ['token: missing or wrong calendar token']);
      return;
    }
    next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
