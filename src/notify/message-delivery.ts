// What one outbox message becomes on its platform: the subject's card posted or edited in place,
// or a line in the card's thread. Where the card lives is read now, at sending time, so a card
// stored twice before its first post was sent is posted once and then edited.
//
// Every post carries the outbox message's id (PostOptions.key), so a post repeated after a crash
// between the platform's answer and the outbox's mark finds the first one instead of making a
// second: edits need none, being the same edit again.
//
// A message addressed to a person (`@<userId>`, src/notify/direct-address.ts) goes to their direct
// conversation, opened by the adapter at sending time; its card is edited there as any other.
import type { ChatAdapter, PostOptions } from '../chat/adapter.js';
import type { Message } from '../chat/card.js';
import { DeliveryError } from '../chat/delivery-error.js';
import type { Clock } from '../kernel/clock.js';
import type { MessageRef, MessageRefModel } from '../../models/core/message-ref.js';
import type { OutboxMessage, OutboxOp } from '../../models/core/outbox-message.js';
import { directUserOf } from './direct-address.js';

/** Sends `item` through `adapter`; resolves with what was done, fails with the adapter's DeliveryError. */
export async function deliver(
  item: OutboxMessage,
  adapter: ChatAdapter,
  refs: MessageRefModel,
  clock: Clock,
): Promise<OutboxOp> {
  const message = item.message as Message;
  const ref = await refs.lookup(item.platform, item.subject);
  const person = directUserOf(item.channelId);
  // A card in another channel (the kind's channel was moved since) is not this channel's card; a
  // person has one direct conversation, whose id the platform gave when the card was posted.
  const card = person !== undefined ? (ref ?? undefined) : ref?.channelId === item.channelId ? ref : undefined;
  const once = onceOptions(item);
  if (item.op === 'thread' && person === undefined) return intoThread(item, message, card, adapter, refs, once);

  if (card) {
    try {
      await adapter.edit({ platform: adapter.platform, channelId: card.channelId, messageId: card.messageId }, message);
      return 'edit';
    } catch (error) {
      // Someone deleted the card: show it again as a new one.
      if (!isMissing(error)) throw error;
    }
  }
  const target = person !== undefined ? await adapter.openDirect(person) : item.channelId;
  const posted = await adapter.post(target, message, once);
  await refs.remember(item.platform, item.subject, posted, clock.now());
  return 'post';
}

/** What makes a post of `item` happen once, however often it is attempted. */
function onceOptions(item: OutboxMessage): Pick<PostOptions, 'key' | 'inDoubtSince'> {
  // It cannot have been posted before it was stored.
  return { key: String(item._id), ...(item.inDoubt ? { inDoubtSince: item.createdAt } : {}) };
}

async function intoThread(
  item: OutboxMessage,
  message: Message,
  card: MessageRef | undefined,
  adapter: ChatAdapter,
  refs: MessageRefModel,
  once: PostOptions,
): Promise<OutboxOp> {
  if (card) {
    try {
      const posted = await adapter.post(card.channelId, message, {
        ...once,
        threadOf: card.messageId,
        threadId: card.threadId,
        threadName: threadName(item.subject),
      });
      if (posted.threadId && posted.threadId !== card.threadId) {
        await refs.rememberThread(item.platform, item.subject, card.messageId, posted.threadId);
      }
      return 'thread';
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
  // No card to hang it under (never shown, or deleted): the line still reaches the channel.
  await adapter.post(item.channelId, message, once);
  return 'post';
}

/** `incident:INC-12` → `INC-12`: what people call the thing. */
function threadName(subject: string): string {
  return subject.slice(subject.indexOf(':') + 1) || subject;
}

function isMissing(error: unknown): boolean {
  return error instanceof DeliveryError && error.reason === 'missing';
}
