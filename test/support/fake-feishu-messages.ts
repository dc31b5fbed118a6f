// The messages of FakeFeishu, as Feishu keeps them: each with its chat, the message it replies to
// (and whether in a thread), the `uuid` it was sent with, and every version of its card (the post,
// each patch, each card a click's answer carried).
import { randomBytes } from 'node:crypto';

type Json = Record<string, unknown>;

export interface FakeMessage {
  message_id: string;
  chat_id: string;
  /** The message this one answers (im.v1.message.reply). */
  parent_id?: string;
  /** Sent with reply_in_thread: it belongs to the thread of `parent_id`. */
  inThread: boolean;
  uuid?: string;
  /** The card as posted, then as each update left it; the last one is what people see. */
  versions: Json[];
  /** The person it was sent to by open_id (their chat with the bot), if so. */
  toUser?: string;
  /** A file message: the file's key (its `versions` hold its content). */
  file?: string;
}

/** Feishu keeps a uuid for an hour; the fake for as long as it runs. */
export class FakeFeishuMessages {
  private readonly messages: FakeMessage[] = [];
  private readonly byUuid = new Map<string, FakeMessage>();

  /** The chat of a person's conversation with the bot. */
  static p2pChatOf(openId: string): string {
    return `oc_p2p_${openId.replace(/^ou_/, '')}`;
  }

  /** Stores a sent card; a uuid seen before answers with the message it sent then, as Feishu does. */
  send(input: {
    chatId: string;
    card: Json;
    uuid?: string;
    parent?: { message_id: string };
    inThread?: boolean;
    toUser?: string;
    file?: string;
  }): {
    message: FakeMessage;
    repeated: boolean;
  } {
    const known = input.uuid ? this.byUuid.get(input.uuid) : undefined;
    if (known) return { message: known, repeated: true };
    const message: FakeMessage = {
      message_id: `om_${randomBytes(16).toString('hex')}`,
      chat_id: input.chatId,
      inThread: input.inThread === true,
      versions: [input.card],
      ...(input.parent ? { parent_id: input.parent.message_id } : {}),
      ...(input.uuid ? { uuid: input.uuid } : {}),
      ...(input.toUser ? { toUser: input.toUser } : {}),
      ...(input.file ? { file: input.file } : {}),
    };
    this.messages.push(message);
    if (input.uuid) this.byUuid.set(input.uuid, message);
    return { message, repeated: false };
  }

  get(id: string): FakeMessage | undefined {
    return this.messages.find((m) => m.message_id === id);
  }

  /** Every message, oldest first. */
  all(): readonly FakeMessage[] {
    return this.messages;
  }

  /** The messages of `chatId` that are not replies, oldest first. */
  posts(chatId: string): FakeMessage[] {
    return this.messages.filter((m) => m.chat_id === chatId && !m.parent_id);
  }

  /** The messages in the thread of `messageId`, oldest first. */
  thread(messageId: string): FakeMessage[] {
    return this.messages.filter((m) => m.parent_id === messageId && m.inThread);
  }

  /** What was said in a person's chat with the bot, oldest first. */
  direct(openId: string): FakeMessage[] {
    const chat = FakeFeishuMessages.p2pChatOf(openId);
    return this.messages.filter((m) => m.chat_id === chat);
  }

  /** The messages sent with a uuid starting with `prefix` (the answers to one event), oldest first. */
  withUuid(prefix: string): FakeMessage[] {
    return this.messages.filter((m) => m.uuid?.startsWith(prefix));
  }
}
