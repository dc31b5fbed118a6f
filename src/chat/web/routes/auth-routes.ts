// Signing in and out, and who the signed-in person is. With a password: argon2id, a rate limit per
// name and address, a fresh session. In trial mode: a name is enough (config allows it only on loopback).
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { sendError } from '../../../http/json-error.js';
import type { Locale } from '../../../kernel/i18n.js';
import type { ConsoleMode, Me } from '../api-types.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { WebAccounts } from '../auth/web-accounts.js';
import type { OpenSession } from '../auth/web-sessions.js';
import { parseBody } from '../http/api-guards.js';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../http/cookies.js';
import { localeBody, signInBody } from '../http/schemas.js';
import { viewerOf, type SignedIn, type ViewerDeps } from '../http/viewer.js';

export interface AuthRouteDeps extends ViewerDeps {
  mode: ConsoleMode;
  timezone: string;
  /** Password accounts; absent in trial mode. */
  accounts: WebAccounts | undefined;
  throttle: LoginThrottle;
  setLocale(key: string, locale: Locale, via: string): Promise<void>;
  logger: Logger;
  /** How long the page shows a private message in a channel (src/chat/web/web-messages.ts). */
  privateFadeMs: number;
}

/** POST /session, the one route open to a browser that is not signed in. */
export function signInRoutes(deps: AuthRouteDeps): Router {
  const router = Router();
  router.post('/session', async (req, res) => {
    const body = parseBody(signInBody, req, res);
    if (!body) return;
    if (deps.accounts) {
      if (body.password === undefined) return sendError(res, 400, 'invalid_request', ['password: required']);
      const address = req.ip ?? 'unknown';
      const waitMs = await deps.throttle.reserve(body.name, address);
      if (waitMs > 0) {
        res.set('Retry-After', String(Math.ceil(waitMs / 1000)));
        deps.logger.warn({ user: body.name }, 'web console: sign-in refused, too many attempts');
        return sendError(res, 429, 'too_many_attempts', [`try again in ${Math.ceil(waitMs / 1000)} s`]);
      }
      if (!(await deps.accounts.verify(body.name, body.password))) {
        deps.logger.warn({ user: body.name }, 'web console: wrong name or password');
        return sendError(res, 401, 'bad_credentials', ['wrong name or password']);
      }
      await deps.throttle.succeeded(body.name, address);
    }
    const previous = sessionToken(req);
    if (previous) await deps.sessions.closeToken(previous);
    const { token, session } = await deps.sessions.open(body.name);
    setSessionCookie(req, res, token);
    deps.logger.info({ user: body.name, mode: deps.mode }, 'web console: signed in');
    res.json(await me(deps, session));
  });
  return router;
}

/** Behind requireViewer: who am I, my language, signing out. */
export function sessionRoutes(deps: AuthRouteDeps): Router {
  const router = Router();
  router.get('/me', (_req, res) => {
    res.json(toMe(deps, viewerOf(res)));
  });
  router.put('/me/locale', async (req, res) => {
    const body = parseBody(localeBody, req, res);
    if (!body) return;
    const viewer = viewerOf(res);
    await deps.setLocale(viewer.key, body.locale, 'web');
    res.json(toMe(deps, { ...viewer, locale: body.locale }));
  });
  router.delete('/session', async (req: Request, res: Response) => {
    await deps.sessions.close(viewerOf(res).sessionId);
    clearSessionCookie(req, res);
    res.status(204).end();
  });
  return router;
}

async function me(deps: AuthRouteDeps, session: OpenSession): Promise<Me> {
  const key = `web:${session.name}`;
  const profile = await deps.profile(key);
  return toMe(deps, {
    name: session.name,
    key,
    sessionId: session.id,
    csrf: session.csrf,
    roles: profile.roles,
    admin: profile.roles.includes('admin'),
    locale: profile.locale ?? deps.defaultLocale,
  });
}

function toMe(
  { mode, timezone, privateFadeMs }: Pick<AuthRouteDeps, 'mode' | 'timezone' | 'privateFadeMs'>,
  viewer: SignedIn,
): Me {
  const { key, name, roles, admin, locale, csrf } = viewer;
  return { key, name, roles, admin, locale, mode, timezone, csrf, privateFadeMs };
}
