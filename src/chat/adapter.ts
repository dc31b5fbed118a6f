// The port through which Zhiban speaks first (not as a reply): post a card, edit it later, add
// to its thread, or speak to one person in their direct conversation with Zhiban. post(), edit()
// and openDirect() fail with a DeliveryError (delivery-error.ts).
import type { Platform } from './actor.js';
import type { Message } from './card.js';

export interface PostedMessage {
  platform: Platform;
  channelId: string;
  /** Slack `ts`, Discord message id, web message id. */
  messageId: string;
  /** Where threads are channels of their own (Discord): the thread the message went into. */
  threadId?: string;
}

export interface PostOptions {
  /** The message (Slack `ts`, Discord message id) under which this goes, in its thread. */
  threadOf?: string;
  /** The thread a previous post under `threadOf` returned, so it is not opened again. */
  threadId?: string;
  /** A name for the thread, where the platform must open one first (Discord). */
  threadName?: string;
  /**
   * Names this post across attempts (the outbox message's id: 24 hex characters, within Discord's
   * 25 for a nonce), so a post repeated after a crash is not a second message: Discord is given it
   * as an enforced nonce, Slack as message metadata, the web console as the message's identity.
   */
  key?: string;
  /**
   * Set (with `key`) when an earlier attempt may have reached the platform without us learning so:
   * the earliest time it can have been posted. Where the platform does not drop a repeat by itself
   * (Slack), the adapter first looks for a message carrying `key` posted since then, and answers
   * with it instead of posting again.
   */
  inDoubtSince?: Date;
}

export interface ChatAdapter {
  readonly platform: Platform;
  start(): Promise<void>;
  stop(): Promise<void>;
  post(channelId: string, message: Message, options?: PostOptions): Promise<PostedMessage>;
  edit(posted: PostedMessage, message: Message): Promise<void>;
  /**
   * The channel id to post() to for the direct conversation between Zhiban and the person `userId`
   * (the platform's own user id: Slack `U123`, a Discord snowflake, a web user name), opened first
   * where the platform needs that (Discord). What is posted there is seen by that person alone.
   */
  openDirect(userId: string): Promise<string>;
}
