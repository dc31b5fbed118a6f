// Signed-in browsers. The cookie carries a random token; the database keeps only its sha256, with
// an idle expiry renewed on use and an absolute one. The CSRF token is derived from the session
// token, so a page on another site, which cannot read the cookie, cannot produce it either.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../../kernel/clock.js';
import type { WebSession, WebSessionModel } from '../../../../models/web/web-session.js';

export const SESSION_COOKIE = 'zhiban_session';
export const SESSION_IDLE_MS = 12 * 3600_000;
export const SESSION_MAX_MS = 7 * 86_400_000;
/** Renewing on every request would write on every request; once a minute is close enough. */
const RENEW_AFTER_MS = 60_000;

export interface OpenSession {
  /** sha256 of the token: the session's id in the database. */
  id: string;
  name: string;
  csrf: string;
}

export class WebSessions {
  constructor(
    private readonly model: WebSessionModel,
    private readonly clock: Clock,
    /** Sessions opened in the other mode do not count: a trial session is worthless once a password is set. */
    private readonly trial: boolean,
  ) {}

  async open(name: string): Promise<{ token: string; session: OpenSession }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const id = digest(token);
    await this.model.create({
      _id: id,
      user: name,
      trial: this.trial,
      createdAt: now,
      seenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
    });
    return { token, session: { id, name, csrf: csrfToken(token) } };
  }

  async find(token: string): Promise<OpenSession | null> {
    const id = digest(token);
    const now = this.clock.now();
    const found = await this.model
      .findOne({ _id: id, trial: this.trial, expiresAt: { $gt: now } })
      .lean<WebSession | null>();
    if (!found) return null;
    if (now.getTime() - found.seenAt.getTime() > RENEW_AFTER_MS) {
      const expiresAt = Math.min(found.createdAt.getTime() + SESSION_MAX_MS, now.getTime() + SESSION_IDLE_MS);
      await this.model.updateOne({ _id: id }, { $set: { seenAt: now, expiresAt: new Date(expiresAt) } });
    }
    return { id, name: found.user, csrf: csrfToken(token) };
  }

  async stillOpen(id: string): Promise<boolean> {
    return (await this.model.exists({ _id: id, trial: this.trial, expiresAt: { $gt: this.clock.now() } })) !== null;
  }

  /** Signing in again from the same browser: the session it had is ended, not left behind. */
  async closeToken(token: string): Promise<void> {
    await this.model.deleteOne({ _id: digest(token) });
  }

  async close(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id });
  }

  /** After a password change: every browser signed in as `name` must sign in again. */
  async closeAllOf(name: string): Promise<void> {
    await this.model.deleteMany({ user: name });
  }
}

export function csrfToken(sessionToken: string): string {
  return createHash('sha256').update(`csrf|${sessionToken}`).digest('base64url');
}

export function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
