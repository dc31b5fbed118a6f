// The few Feishu Open API calls Zhiban makes, through the SDK's Client (which fetches and renews
// the tenant access token): send, reply, update a card, upload an image, read the bot's own id.
// Each has a timeout, and every failure comes out as a DeliveryError (feishu-delivery-error.ts).
import type { Client } from '@larksuiteoapi/node-sdk';
import type { FeishuCard } from './feishu-card.js';
import { feishuDeliveryError, feishuResult } from './feishu-delivery-error.js';

/** Longer than any healthy call, well under the outbox's lock on a message being sent. */
const CALL_TIMEOUT_MS = 20_000;

/** Who a message is sent to: a chat (`oc_…`), or a person by their open_id (`ou_…`, their chat with the bot). */
export type ReceiveIdType = 'chat_id' | 'open_id';

export interface SentMessage {
  message_id: string;
  chat_id?: string;
}

/** What a message carries: a card, or a file uploaded before. */
export interface Content {
  msg_type: 'interactive' | 'file';
  content: string;
}

/** A card as a message's content. */
export function interactive(card: FeishuCard): Content {
  return { msg_type: 'interactive', content: JSON.stringify(card) };
}

/** A file (uploadFile's key) as a message's content. */
export function fileMessage(fileKey: string): Content {
  return { msg_type: 'file', content: JSON.stringify({ file_key: fileKey }) };
}

interface Answer<T> {
  code?: number;
  msg?: string;
  data?: T;
}

export class FeishuApi {
  constructor(private readonly client: Client) {}

  /**
   * im.v1.message.create. With `uuid`, Feishu sends at most one message per uuid within an hour
   * and answers a repeat with nothing new.
   */
  async create(
    receiveIdType: ReceiveIdType,
    receiveId: string,
    content: FeishuCard | Content,
    uuid?: string,
  ): Promise<SentMessage> {
    const answer = await this.call<Answer<SentMessage>>('send', {
      method: 'POST',
      url: '/open-apis/im/v1/messages',
      params: { receive_id_type: receiveIdType },
      data: { receive_id: receiveId, ...contentOf(content), ...(uuid ? { uuid } : {}) },
    });
    return sent(answer, 'send');
  }

  /** im.v1.message.reply: under `messageId`, in its thread when `inThread`. */
  async reply(
    messageId: string,
    content: FeishuCard | Content,
    options: { inThread: boolean; uuid?: string },
  ): Promise<SentMessage> {
    const answer = await this.call<Answer<SentMessage>>('reply', {
      method: 'POST',
      url: `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/reply`,
      data: {
        ...contentOf(content),
        reply_in_thread: options.inThread,
        ...(options.uuid ? { uuid: options.uuid } : {}),
      },
    });
    return sent(answer, 'reply');
  }

  /** im.v1.message.patch: the card of `messageId` replaced, for everyone who sees it. */
  async patch(messageId: string, card: FeishuCard): Promise<void> {
    await this.call<Answer<unknown>>('update', {
      method: 'PATCH',
      url: `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}`,
      data: { content: JSON.stringify(card) },
    });
  }

  /**
   * im.v1.image.create (image_type `message`): the image's key, to show it in a card. The bytes go
   * as a Buffer, as the SDK documents: axios (through the form-data package) makes the multipart
   * body, and takes no File; Feishu keeps no name for an image.
   */
  async uploadImage(bytes: Buffer): Promise<string> {
    const answer = await this.call<Answer<{ image_key?: string }>>('image upload', {
      method: 'POST',
      url: '/open-apis/im/v1/images',
      headers: { 'Content-Type': 'multipart/form-data' },
      data: { image_type: 'message', image: bytes },
    });
    const key = answer.data?.image_key;
    if (!key) throw feishuDeliveryError(new Error('no image_key'), 'image upload');
    return key;
  }

  /** im.v1.file.create (file_type `stream`, any file up to 30 MB): the file's key, to send it as a message. */
  async uploadFile(name: string, bytes: Buffer): Promise<string> {
    const answer = await this.call<Answer<{ file_key?: string }>>('file upload', {
      method: 'POST',
      url: '/open-apis/im/v1/files',
      headers: { 'Content-Type': 'multipart/form-data' },
      data: { file_type: 'stream', file_name: name, file: bytes },
    });
    const key = answer.data?.file_key;
    if (!key) throw feishuDeliveryError(new Error('no file_key'), 'file upload');
    return key;
  }

  /** The bot's own open_id (GET /open-apis/bot/v3/info), to tell a mention of it in a group. */
  async botOpenId(): Promise<string> {
    const answer = await this.call<{ code?: number; msg?: string; bot?: { open_id?: string } }>('bot info', {
      method: 'GET',
      url: '/open-apis/bot/v3/info',
    });
    const id = answer.bot?.open_id;
    if (!id) throw new Error('Feishu did not say the bot’s open_id (is the bot capability enabled?)');
    return id;
  }

  private async call<T extends { code?: number; msg?: string }>(
    what: string,
    request: { method: string; url: string; params?: object; data?: object; headers?: Record<string, string> },
  ): Promise<T> {
    try {
      const body = (await this.client.request({ ...request, timeout: CALL_TIMEOUT_MS })) as T | undefined;
      return feishuResult(body, what);
    } catch (error) {
      throw feishuDeliveryError(error, what);
    }
  }
}

function contentOf(content: FeishuCard | Content): Content {
  return 'msg_type' in content ? content : interactive(content);
}

function sent(answer: Answer<SentMessage>, what: string): SentMessage {
  if (!answer.data?.message_id) throw feishuDeliveryError(new Error('no message_id'), what);
  return answer.data;
}
