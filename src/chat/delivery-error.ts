// Why a platform did not take a message, in terms the outbox acts on: each adapter maps its
// SDK's errors to this once, so the sender needs no Slack or Discord knowledge.

export type DeliveryFailure =
  /** The platform asked us to wait `retryAfterMs`; nothing is wrong with the message. */
  | 'rate_limited'
  /** 5xx, timeouts, network: worth trying again later. */
  | 'unavailable'
  /** The message to edit, or the thread to post in, is gone. */
  | 'missing'
  /** The platform refuses this message (no access, bad channel, bad payload): trying again will not help. */
  | 'rejected';

export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';

  /** `detail` is stored and logged: say what happened, never echo tokens or message content. */
  constructor(
    readonly reason: DeliveryFailure,
    detail: string,
    readonly retryAfterMs?: number,
  ) {
    super(detail);
  }
}
