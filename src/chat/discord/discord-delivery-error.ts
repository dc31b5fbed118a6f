// discord.js REST failures as DeliveryErrors. discord.js waits out 429s by itself (honouring
// Retry-After per route bucket) and retries a 5xx a few times before it gives up with HTTPError.
import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';
import { DeliveryError } from '../delivery-error.js';

const MISSING = new Set<unknown>([RESTJSONErrorCodes.UnknownMessage, RESTJSONErrorCodes.UnknownChannel]);

export function discordDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof RateLimitError) {
    return new DeliveryError('rate_limited', `discord: rate limited on ${error.route}`, error.retryAfter);
  }
  if (error instanceof DiscordAPIError) {
    const detail = `discord: ${error.status} ${error.code} ${error.message.split('\n')[0]!.slice(0, 100)}`;
    if (MISSING.has(error.code)) return new DeliveryError('missing', detail);
    const retry = error.status >= 500 || error.status === 408;
    return new DeliveryError(retry ? 'unavailable' : 'rejected', detail, undefined, retry);
  }
  if (error instanceof HTTPError) {
    const retry = error.status >= 500;
    return new DeliveryError(retry ? 'unavailable' : 'rejected', `discord: HTTP ${error.status}`, undefined, retry);
  }
  // Timeouts (AbortError) and network failures (fetch's TypeError with a cause): worth another try.
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  const name = error instanceof Error ? error.name : 'unknown';
  const detail = `discord: no answer (${typeof code === 'string' ? code : name})`;
  return new DeliveryError('unavailable', detail, undefined, true);
}

/** Discord refuses a second thread on one message; the first one has the message's id. */
export function isThreadAlreadyThere(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage;
}
