// What every /webhooks/* call passes before a handler sees it: the bearer token, then a JSON
// body of at most 1 MiB. Refusals are JSON whose details name what is wrong (`authorization: …`,
// `(body): …`); nothing is parsed for a caller without the token.
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Secret } from '../config/secret.js';
import { sendError } from './json-error.js';

export const WEBHOOK_BODY_LIMIT = '1mb';

export function requireBearer(token: Secret | undefined): RequestHandler {
  const expected = token ? digest(token.reveal()) : undefined;
  return (req, res, next) => {
    if (!expected) {
      sendError(res, 401, 'unauthorized', ['authorization: webhooks are disabled until WEBHOOK_TOKEN is set']);
      return;
    }
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    // Compare digests so the time taken says nothing about the token's length or prefix.
    if (!match || !timingSafeEqual(digest(match[1]!.trim()), expected)) {
      sendError(res, 401, 'unauthorized', ['authorization: missing or wrong bearer token']);
      return;
    }
    next();
  };
}

export const jsonBody: RequestHandler[] = [
  (req, res, next) => {
    if (!req.is('application/json')) {
      sendError(res, 415, 'unsupported_media_type', ['content-type: send the payload as application/json']);
      return;
    }
    next();
  },
  express.json({ limit: WEBHOOK_BODY_LIMIT, strict: false }),
];

/** Maps body-parser failures onto CONTRACT.md's answers. */
export const bodyErrors: ErrorRequestHandler = (error: { type?: string; status?: number }, _req, res, next) => {
  if (error.type === 'entity.too.large') return sendError(res, 413, 'payload_too_large', ['(body): over 1 MiB']);
  if (error.type === 'entity.parse.failed') return sendError(res, 400, 'malformed_json', ['(body): not valid JSON']);
  if (error.status && error.status >= 400 && error.status < 500)
    return sendError(res, error.status, 'bad_request', ['(body): could not be read']);
  next(error);
};

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
