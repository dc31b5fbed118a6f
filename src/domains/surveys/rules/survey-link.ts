// A survey's one-time links (issue 15): a random token in the address, `/s/<token>`, and only the
// token's sha256 in the survey. Every message that shows a link gets a fresh one, so a token never
// has to be read back from anywhere; each stays valid while its survey is open.
import { createHash, randomBytes } from 'node:crypto';

/** How many of a survey's latest links are kept working; older ones stop opening it. */
export const MAX_LINKS = 40;

/** 32 random bytes, base64url: 43 characters. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface IssuedLink {
  /** Goes into the address shown to the person; never stored. */
  token: string;
  /** sha256 of the token (hex): what the survey keeps. */
  hash: string;
}

/** A new link: a random token and its hash. */
export function issueLink(): IssuedLink {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: linkHash(token) };
}

/** sha256 of `token`, hex: how a link is found among a survey's. */
export function linkHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether `token` could be one Zhiban issued (anything else is not looked up at all). */
export function isTokenShaped(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** `https://ops.example.gov.cn` + token → the page's address. */
export function linkUrl(base: string, token: string): string {
  return `${base}/s/${token}`;
}
