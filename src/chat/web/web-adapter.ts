// The web console as a ChatAdapter: what the outbox posts and edits in a web channel is written to
// web_messages, from where every browser showing that channel receives it live.
import type { ChatAdapter, PostOptions, PostedMessage } from '../adapter.js';
import type { Message } from '../card.js';
import { DeliveryError } from '../delivery-error.js';
import type { MessageFeed } from './message-feed.js';
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
      const doc = await this.messages.add(channelId, message, { thread: options.threadOf });
      return { platform: 'web', channelId, messageId: doc.messageId };
    } catch (error) {
      throw unavailable(error);
    }
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
  return new DeliveryError('unavailable', `web: ${detail}`);
}
