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

  /**
   * `detail` is stored and logged: say what happened, never echo tokens or message content.
   * `mayHaveArrived`: the platform may have taken the message even so (no answer, a timeout, a
   * 5xx the platform documents as "some of it may have happened"); the next attempt looks for it
   * before posting again (PostOptions.inDoubtSince).
   */
  constructor(
    readonly reason: DeliveryFailure,
    detail: string,
    readonly retryAfterMs?: number,
    readonly mayHaveArrived = false,
  ) {
    super(detail);
  }
}
