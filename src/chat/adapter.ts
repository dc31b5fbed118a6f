// The port through which Zhiban speaks first (not as a reply): post a card, edit it later.
import type { Platform } from './actor.js';
import type { Message } from './card.js';

export interface PostedMessage {
  platform: Platform;
  channelId: string;
  /** Slack `ts`, Discord message id, web message id. */
  messageId: string;
}

export interface ChatAdapter {
  readonly platform: Platform;
  start(): Promise<void>;
  stop(): Promise<void>;
  post(channelId: string, message: Message, options?: { threadOf?: string }): Promise<PostedMessage>;
  edit(posted: PostedMessage, message: Message): Promise<void>;
}
