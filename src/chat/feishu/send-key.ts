// The `uuid` Feishu drops a repeated send by (at most 50 characters, kept for an hour).
import { createHash } from 'node:crypto';

const MAX_UUID = 50;

/** `key` itself when it fits (an outbox id is 24 characters); a longer one hashed to fit, never cut. */
export function sendKey(key: string): string {
  return key.length <= MAX_UUID ? key : createHash('sha256').update(key).digest('base64url').slice(0, 43);
}
