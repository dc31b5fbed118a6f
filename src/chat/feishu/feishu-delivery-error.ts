// Feishu's failures as DeliveryErrors, mapped once here. The SDK throws axios errors for HTTP
// failures (Feishu answers most refusals with HTTP 400 and a JSON `{code, msg}`) and returns the
// body when HTTP says 200, so a non-zero `code` in a body is a failure too (feishuResult).
import { DeliveryError } from '../delivery-error.js';

/** Feishu's code for "too many requests" (HTTP 429 carries it too). */
const RATE_LIMITED = 99991400;
/** The message to edit or reply to was withdrawn (Feishu's 230011). */
const MISSING = new Set([230011]);
/** Without a Retry-After, wait this long: Feishu's limits are counted per second. */
const DEFAULT_RETRY_MS = 1000;

interface FeishuBody {
  code?: unknown;
  msg?: unknown;
}

interface AxiosLike {
  isAxiosError?: boolean;
  code?: string;
  response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
}

/** The body of an answer whose HTTP status was 200, or the DeliveryError its `code` means. */
export function feishuResult<T extends FeishuBody>(body: T | null | undefined, what: string): T {
  const code = Number(body?.code ?? 0);
  if (body && code !== 0) throw byCode(code, `feishu: ${what} ${code} ${String(body.msg ?? '').slice(0, 80)}`);
  if (!body) throw new DeliveryError('unavailable', `feishu: ${what} answered nothing`, undefined, true);
  return body;
}

/** Any failure of a call to Feishu, as the outbox acts on it. Never carries tokens or message content. */
export function feishuDeliveryError(error: unknown, what = 'call'): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as AxiosLike;
  const status = failure.response?.status;
  if (status !== undefined) {
    const body = failure.response?.data as FeishuBody | undefined;
    const code = Number(body?.code ?? 0);
    const detail = `feishu: ${what} HTTP ${status}${code ? ` ${code}` : ''} ${String(body?.msg ?? '').slice(0, 80)}`;
    if (status === 429 || code === RATE_LIMITED) {
      return new DeliveryError('rate_limited', detail.trim(), retryAfterMs(failure.response?.headers));
    }
    if (code) return byCode(code, detail.trim(), status >= 500);
    const retry = status >= 500 || status === 408;
    return new DeliveryError(retry ? 'unavailable' : 'rejected', detail.trim(), undefined, retry);
  }
  // No answer (timeout, connection refused or reset): the request may have arrived.
  const name = failure.code ?? (error instanceof Error ? error.name : 'unknown');
  return new DeliveryError('unavailable', `feishu: ${what} no answer (${name})`, undefined, true);
}

function byCode(code: number, detail: string, serverSide = false): DeliveryError {
  if (code === RATE_LIMITED) return new DeliveryError('rate_limited', detail, DEFAULT_RETRY_MS);
  if (MISSING.has(code)) return new DeliveryError('missing', detail);
  if (serverSide) return new DeliveryError('unavailable', detail, undefined, true);
  return new DeliveryError('rejected', detail);
}

/** Feishu sends `x-ogw-ratelimit-reset` (seconds) on a 429; a standard Retry-After is read too. */
function retryAfterMs(headers: Record<string, unknown> | undefined): number {
  for (const name of ['x-ogw-ratelimit-reset', 'retry-after']) {
    const seconds = Number(headers?.[name]);
    if (Number.isFinite(seconds) && seconds > 0) return Math.min(seconds, 60) * 1000;
  }
  return DEFAULT_RETRY_MS;
}
