// Proof that an outgoing call is Zhiban's (CONTRACT.md: the restore executor call, the pager
// gateway): `X-Zhiban-Timestamp: <unix seconds>` and `X-Zhiban-Signature: sha256=<hex HMAC-SHA256 of
// "<timestamp>.<raw body>">` keyed with the receiver's secret. The timestamp is part of what is
// signed, so a receiver refusing timestamps older than 5 minutes refuses a replayed call.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'X-Zhiban-Timestamp';
export const SIGNATURE_HEADER = 'X-Zhiban-Signature';
/** What receivers accept between the timestamp and their own clock (CONTRACT.md: 5 minutes). */
export const SIGNATURE_TOLERANCE_S = 300;

/** `sha256=<hex>` for `rawBody` sent at `timestamp` (unix seconds). */
export function signatureOf(secret: string, timestamp: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/**
 * What a receiver checks: the signature is the one of this body at this timestamp, and the
 * timestamp is within `toleranceS` of `nowS` (unix seconds). Compared in constant time.
 */
export function signatureHolds(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: string,
  nowS: number,
  toleranceS = SIGNATURE_TOLERANCE_S,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.timestamp || !Number.isSafeInteger(timestamp) || Math.abs(nowS - timestamp) > toleranceS) return false;
  const expected = Buffer.from(signatureOf(secret, timestamp, rawBody));
  const given = Buffer.from(headers.signature ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
