// What every /api request passes: JSON bodies only and small, state changes only from our own page
// (same origin, and with the session's CSRF token once signed in), refusals as JSON {error, details}.
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import { sendError } from '../../../http/json-error.js';

/** A form's text is at most a few thousand characters; nothing the page sends comes near this. */
export const API_BODY_LIMIT = '64kb';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function changesState(req: Request): boolean {
  return !SAFE_METHODS.has(req.method);
}

export const apiBody: RequestHandler[] = [
  (req, res, next) => {
    if (changesState(req) && hasBody(req) && !req.is('application/json')) {
      sendError(res, 415, 'unsupported_media_type', ['send application/json']);
      return;
    }
    next();
  },
  express.json({ limit: API_BODY_LIMIT, strict: true }),
];

/**
 * Another site's page may make a browser send a request, but the browser then says where it came
 * from: Sec-Fetch-Site where it sends one (it holds even behind a proxy that rewrites Host), else Origin.
 */
export const sameOrigin: RequestHandler = (req, res, next) => {
  if (!changesState(req)) return next();
  const site = req.get('sec-fetch-site');
  const origin = req.get('origin');
  const ours = `${req.protocol}://${req.get('host') ?? ''}`;
  const foreign = site ? site !== 'same-origin' && site !== 'none' : origin !== undefined && origin !== ours;
  if (foreign) {
    sendError(res, 403, 'bad_origin', ['requests that change something must come from the console itself']);
    return;
  }
  next();
};

export const apiBodyErrors: ErrorRequestHandler = (error: { type?: string; status?: number }, _req, res, next) => {
  if (error.type === 'entity.too.large') return sendError(res, 413, 'payload_too_large', [`at most ${API_BODY_LIMIT}`]);
  if (error.type === 'entity.parse.failed')
    return sendError(res, 400, 'malformed_json', ['the body is not valid JSON']);
  if (error.status && error.status >= 400 && error.status < 500) return sendError(res, error.status, 'bad_request');
  next(error);
};

/** The parsed body, or undefined after answering 400 with one line per bad field. */
export function parseBody<S extends z.ZodType>(schema: S, req: Request, res: Response): z.output<S> | undefined {
  const parsed = schema.safeParse(req.body ?? {});
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
  sendError(res, 400, 'invalid_request', details);
  return undefined;
}

/**
 * Trial mode lets anyone in by name, so only from this machine: a proxy on it (trusted for
 * X-Forwarded-For) must not open the console to the people it serves.
 */
export const thisMachineOnly: RequestHandler = (req, res, next) => {
  if (isLoopbackAddress(req.ip)) return next();
  sendError(res, 403, 'trial_local_only', ['trial mode serves this machine only; set WEB_ADMIN_PASSWORD']);
};

function isLoopbackAddress(ip: string | undefined): boolean {
  return ip !== undefined && (ip === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(ip));
}

function hasBody(req: Request): boolean {
  return req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
}
