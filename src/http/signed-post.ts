// One signed JSON call to a receiver outside Zhiban (the restore executor, the pager gateway):
// the body signed as src/http/signature.ts says, with an Idempotency-Key so a call repeated after a
// crash is the same call to the receiver. Answers the HTTP status, or 0 when no answer came; never
// throws, never logs the URL (it may carry a password) or the secret. Which answers are worth a
// retry, and how long to wait before one, are here too: every durable caller shares them.
import axios from 'axios';
import type { Secret } from '../config/secret.js';
import type { Clock } from '../kernel/clock.js';
import { truncate } from '../chat/text.js';
import { SIGNATURE_HEADER, signatureOf, TIMESTAMP_HEADER } from './signature.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** `status` 0: no answer (refused connection, timeout); `detail`: a short reason (at most 200 characters). */
export interface SignedAnswer {
  status: number;
  detail: string;
}

/** Where a signed call goes and how long it may take. */
export interface SignedTarget {
  url: string;
  secret: Secret;
  clock: Clock;
  /** A receiver that has not answered by then is taken as no answer. */
  timeoutMs: number;
}

/** POSTs `payload` once as JSON, signed; `signal` ends the wait (Zhiban stopping), which counts as no answer. */
export async function postSigned(
  target: SignedTarget,
  payload: unknown,
  idempotencyKey: string,
  signal?: AbortSignal,
): Promise<SignedAnswer> {
  const raw = JSON.stringify(payload);
  const timestamp = Math.floor(target.clock.now().getTime() / 1000);
  try {
    const answer = await axios.post<string>(target.url, raw, {
      headers: {
        'Content-Type': 'application/json',
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signatureOf(target.secret.reveal(), timestamp, raw),
        [IDEMPOTENCY_HEADER]: idempotencyKey,
      },
      // The body goes exactly as signed; every status is an answer to record, not an exception.
      transformRequest: [(data: string) => data],
      responseType: 'text',
      validateStatus: () => true,
      maxRedirects: 0,
      timeout: target.timeoutMs,
      ...(signal ? { signal } : {}),
    });
    return { status: answer.status, detail: truncate(String(answer.data ?? '').trim(), 200) };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { status: 0, detail: code ?? 'no answer' };
  }
}

/** A 2xx is taken; 5xx, 408, 429 and no answer are tried again; any other status is a refusal. */
export function answerKind(status: number): 'taken' | 'retry' | 'refused' {
  if (status >= 200 && status < 300) return 'taken';
  if (status === 0 || status >= 500 || status === 408 || status === 429) return 'retry';
  return 'refused';
}

/** How a durable caller waits between attempts. */
export interface RetryPolicy {
  /** Wait before the first retry; each next one waits twice as long, up to `maxRetryMs`. */
  firstRetryMs: number;
  maxRetryMs: number;
}

/** The wait before retry number `attempt` + 1 (attempt counts from 1). */
export function retryDelayMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxRetryMs, policy.firstRetryMs * 2 ** Math.max(0, attempt - 1));
}
