// Who is asking: the session behind the cookie, with the person's roles and language. Every /api
// route after sign-in runs behind requireViewer, and every change also behind requireCsrf.
import type { RequestHandler, Response } from 'express';
import { sendError } from '../../../http/json-error.js';
import type { Locale } from '../../../kernel/i18n.js';
import { CSRF_HEADER } from '../api-types.js';
import { sameToken, type WebSessions } from '../auth/web-sessions.js';
import type { Viewer } from '../web-messages.js';
import { changesState } from './api-guards.js';
import { sessionToken } from './cookies.js';

export interface SignedIn extends Viewer {
  sessionId: string;
  csrf: string;
  roles: string[];
  admin: boolean;
  locale: Locale;
}

export interface ViewerDeps {
  sessions: WebSessions;
  profile(key: string): Promise<{ locale: Locale | undefined; roles: string[] }>;
  defaultLocale: Locale;
}

export function requireViewer(deps: ViewerDeps): RequestHandler {
  return async (req, res, next) => {
    const token = sessionToken(req);
    const session = token ? await deps.sessions.find(token) : null;
    if (!session) return sendError(res, 401, 'signed_out', ['sign in first']);
    const key = `web:${session.name}`;
    const profile = await deps.profile(key);
    const viewer: SignedIn = {
      name: session.name,
      key,
      sessionId: session.id,
      csrf: session.csrf,
      roles: profile.roles,
      admin: profile.roles.includes('admin'),
      locale: profile.locale ?? deps.defaultLocale,
    };
    res.locals.viewer = viewer;
    next();
  };
}

export const requireCsrf: RequestHandler = (req, res, next) => {
  if (changesState(req) && !sameToken(req.get(CSRF_HEADER), viewerOf(res).csrf)) {
    return sendError(res, 403, 'bad_csrf', [`send the session's ${CSRF_HEADER} header`]);
  }
  next();
};

export const requireAdmin: RequestHandler = (_req, res, next) => {
  if (!viewerOf(res).admin) return sendError(res, 403, 'admin_only', ['only admins manage console users']);
  next();
};

export function viewerOf(res: Response): SignedIn {
  return res.locals.viewer as SignedIn;
}
