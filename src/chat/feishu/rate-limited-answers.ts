// An answer to what a person typed or clicked is sent at once, not through the outbox: when Feishu
// answers 429 (its 5 messages a second per group, shared by the bots in it), the answer waits as
// Feishu asks and goes again, a few times, instead of being lost. Each answer carries the same uuid
// on every try, so Feishu shows it once whatever happened to an earlier try.
import { DeliveryError } from '../delivery-error.js';
import type { FeishuApi } from './feishu-api.js';

/** Tries in all, the first included. */
const TRIES = 4;
/** The longest wait between tries (ms): an answer later than this is hardly an answer. */
const LONGEST_WAIT_MS = 3_000;
const DEFAULT_WAIT_MS = 1_000;

/** `api`'s create and reply, each tried again when Feishu says it is rate-limited; other failures as they come. */
export function rateLimitedAnswers(api: FeishuApi): Pick<FeishuApi, 'create' | 'reply'> {
  return {
    create: (...args) => tryAgainWhenLimited(() => api.create(...args)),
    reply: (...args) => tryAgainWhenLimited(() => api.reply(...args)),
  };
}

async function tryAgainWhenLimited<T>(send: () => Promise<T>): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof DeliveryError) || error.reason !== 'rate_limited' || tried >= TRIES) throw error;
      const waitMs = Math.min(LONGEST_WAIT_MS, Math.max(0, error.retryAfterMs ?? DEFAULT_WAIT_MS));
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
