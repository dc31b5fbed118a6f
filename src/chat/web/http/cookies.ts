// The session cookie: HttpOnly (scripts cannot read it), SameSite=Strict (other sites' requests do
// not carry it), Secure whenever the browser came over https (directly or through a local proxy).
import type { Request, Response } from 'express';
import { SESSION_COOKIE, SESSION_MAX_MS } from '../auth/web-sessions.js';

export function sessionToken(req: Request): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === SESSION_COOKIE) {
      const value = part.slice(at + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

export function setSessionCookie(req: Request, res: Response, token: string): void {
  res.append('Set-Cookie', cookie(req, token, Math.floor(SESSION_MAX_MS / 1000)));
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.append('Set-Cookie', cookie(req, '', 0));
}

function cookie(req: Request, value: string, maxAgeSeconds: number): string {
  const secure = req.secure ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}
