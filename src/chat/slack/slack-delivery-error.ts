// Slack Web API failures as DeliveryErrors. The posting client neither retries nor waits itself
// (retries: 0, rejectRateLimitedCalls), so every failure surfaces here once and the outbox decides.
import { webApi } from '@slack/bolt';
import { DeliveryError } from '../delivery-error.js';

const { ErrorCode } = webApi;
/** `ok: false` answers that say "not now" rather than "not this". */
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);
const MISSING = new Set(['message_not_found', 'thread_not_found']);
/** Slack's own words for these two: "it's possible some aspect of the operation succeeded". */
const PARTLY_DONE = new Set(['internal_error', 'fatal_error']);

/** What web-api's error classes carry; read by `code`, since a second copy of the package has its own classes. */
interface SlackFailure {
  code?: string;
  retryAfter?: number;
  data?: { error?: string };
  statusCode?: number;
  original?: Error;
}

export function slackDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as SlackFailure;
  switch (failure.code) {
    case ErrorCode.RateLimitedError: {
      const seconds = failure.retryAfter ?? 1;
      return new DeliveryError('rate_limited', `slack: rate limited for ${seconds} s`, seconds * 1000);
    }
    case ErrorCode.PlatformError: {
      const code = String(failure.data?.error);
      if (MISSING.has(code)) return new DeliveryError('missing', `slack: ${code}`);
      const reason = TRANSIENT.has(code) ? 'unavailable' : 'rejected';
      return new DeliveryError(reason, `slack: ${code}`, undefined, PARTLY_DONE.has(code));
    }
    case ErrorCode.HTTPError: {
      const status = failure.statusCode ?? 0;
      const retry = status >= 500 || status === 408 || status === 429;
      // A 5xx may come from behind the point where the message was already stored.
      return new DeliveryError(retry ? 'unavailable' : 'rejected', `slack: HTTP ${status}`, undefined, retry);
    }
    case ErrorCode.RequestError:
      // The request may have arrived and only the answer been lost.
      return new DeliveryError('unavailable', `slack: no answer (${networkCode(failure.original)})`, undefined, true);
    default:
      // A 429 without a usable Retry-After arrives as a plain Error; so would anything unforeseen.
      return new DeliveryError(
        'unavailable',
        `slack: ${error instanceof Error ? error.message.slice(0, 120) : 'failed'}`,
        undefined,
        true,
      );
  }
}

function networkCode(error: Error | undefined): string {
  const code = (error as { code?: unknown })?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code;
  return typeof code === 'string' ? code : (error?.name ?? 'unknown');
}
