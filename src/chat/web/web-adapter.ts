// The web console as a ChatAdapter: what the outbox posts and edits in a web channel is written to
// web_messages, from where every browser showing that channel receives it live.
import type { ChatAdapter, PostOptions, PostedMessage } from '../adapter.js';
import type { Message } from '../card.js';
import { DeliveryError } from '../delivery-error.js';
import type { MessageFeed } from './message-feed.js';
import { directChannel } from './web-channels.js';
import type { WebMessages } from './web-messages.js';

export class WebAdapter implements ChatAdapter {
  readonly platform = 'web' as const;

  constructor(
    private readonly messages: WebMessages,
    private readonly feed: MessageFeed,
  ) {}

  async start(): Promise<void> {
    this.feed.start();
  }

  async stop(): Promise<void> {
    await this.feed.stop();
  }

  async post(channelId: string, message: Message, options: PostOptions = {}): Promise<PostedMessage> {
    try {
      const placement = { thread: options.threadOf };
      // The key makes the post idempotent in our own database, whether or not an attempt is in doubt.
      const doc = options.key
        ? await this.messages.addOnce(options.key, channelId, message, placement)
        : await this.messages.add(channelId, message, placement);
      return { platform: 'web', channelId, messageId: doc.messageId };
    } catch (error) {
      throw unavailable(error);
    }
  }

  /** A person's direct messages with Zhiban on the console, `dm:<name>`, which only they see. */
  async openDirect(userId: string): Promise<string> {
    return directChannel(userId);
  }

  async edit(posted: PostedMessage, message: Message): Promise<void> {
    const doc = await this.messages.replace(posted.messageId, message).catch((error: unknown) => {
      throw unavailable(error);
    });
    if (!doc) throw new DeliveryError('missing', 'web: the message is gone');
  }
}

/** The only way a web post fails is the database: worth trying again. */
function unavailable(error: unknown): DeliveryError {
  const detail = error instanceof Error ? error.message.slice(0, 120) : 'failed';
  // A write whose answer was lost may have been stored; addOnce makes the next attempt safe.
  return new DeliveryError('unavailable', `web: ${detail}`, undefined, true);
}
