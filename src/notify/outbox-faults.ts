// Fault injection for crash tests: where a test stops a sender, to see what the next one does.
// Never set in production (ZhibanOptions.outboxFaults).
import type { ChatAdapter } from '../chat/adapter.js';
import type { OutboxMessage } from '../../models/core/outbox-message.js';

export interface OutboxFaults {
  /**
   * Runs right after the platform answered a post or an edit made for `item`, before anything is
   * stored about it (where the card lives, that the message was sent): the moment a process death
   * would repeat a send. What it returns is awaited; a crash test kills its process here.
   */
  afterPlatformAnswer?(item: OutboxMessage): Promise<void> | void;
}

/** `adapter` as it is, or, with a hook, one that runs it after each answer while sending `item`. */
export function withFaults(adapter: ChatAdapter, item: OutboxMessage, faults: OutboxFaults | undefined): ChatAdapter {
  const hook = faults?.afterPlatformAnswer;
  if (!hook) return adapter;
  return {
    platform: adapter.platform,
    start: () => adapter.start(),
    stop: () => adapter.stop(),
    openDirect: (userId) => adapter.openDirect(userId),
    async post(channelId, message, options) {
      const posted = await adapter.post(channelId, message, options);
      await hook(item);
      return posted;
    },
    async edit(posted, message) {
      await adapter.edit(posted, message);
      await hook(item);
    },
  };
}
