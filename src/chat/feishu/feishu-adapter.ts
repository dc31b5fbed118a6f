// Feishu (Lark) through its official SDK: messages that mention the bot and card clicks arrive over
// the long connection (WSClient, outbound only: no public URL needed); posts, replies in threads and
// card updates go out through the Open API.
import { Client, EventDispatcher, LoggerLevel, WSClient } from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import type { ChatAdapter, PostOptions, PostedMessage } from '../adapter.js';
import { attachmentBytes } from '../attachment-bytes.js';
import type { Message } from '../card.js';
import type { Router } from '../router.js';
import { toFeishuCard, type FeishuCard } from './feishu-card.js';
import { FeishuApi, fileMessage, type Content } from './feishu-api.js';
import { feishuDeliveryError } from './feishu-delivery-error.js';
import { FeishuInbound, type CardActionEvent, type MenuEvent, type MessageEvent } from './feishu-inbound.js';
import { feishuSdkLogger } from './sdk-logger.js';
import { sendKey } from './send-key.js';

export interface FeishuSettings {
  /** `cli_` and 16 hex digits: the SDK's long connection refuses any other shape. */
  appId: string;
  appSecret: string;
  /** The Open API's base URL: https://open.feishu.cn, https://open.larksuite.com, or a fake's. */
  domain: string;
}

const READY_TIMEOUT_MS = 30_000;
const OPEN_ID = /^ou_/;

/** The SDK's token cache, one per adapter: tokens never leak between apps or test runs in one process. */
function tokenCache() {
  const entries = new Map<string, { value: unknown; until: number }>();
  // eslint-disable-next-line @typescript-eslint/no-wrapper-object-types -- the SDK's Cache type says Symbol
  type Key = string | Symbol;
  const name = (key: Key, namespace?: string) => `${namespace ?? ''}:${String(key)}`;
  return {
    set: async (key: Key, value: unknown, expire?: number, options?: { namespace?: string }) => {
      entries.set(name(key, options?.namespace), { value, until: expire ?? Number.MAX_SAFE_INTEGER });
      return true;
    },
    get: async (key: Key, options?: { namespace?: string }) => {
      const entry = entries.get(name(key, options?.namespace));
      // The SDK gives `expire` as a wall-clock time it worked out from Date.now() itself: compared
      // on the same clock (the injected one is not the SDK's).
      return entry && entry.until > Date.now() ? entry.value : undefined;
    },
  };
}

export class FeishuAdapter implements ChatAdapter {
  readonly platform = 'feishu' as const;
  private readonly client: Client;
  private readonly api: FeishuApi;
  private readonly inbound: FeishuInbound;
  private ws: WSClient | undefined;

  constructor(
    private readonly settings: FeishuSettings,
    router: Router,
    private readonly logger: Logger,
  ) {
    this.client = new Client({
      appId: settings.appId,
      appSecret: settings.appSecret,
      domain: settings.domain,
      logger: feishuSdkLogger(logger),
      loggerLevel: LoggerLevel.warn,
      cache: tokenCache(),
    });
    this.api = new FeishuApi(this.client);
    this.inbound = new FeishuInbound(this.api, router, logger);
  }

  /** Learns the bot's own id, then opens the long connection and waits until it is up. */
  async start(): Promise<void> {
    this.inbound.botOpenId = await this.api.botOpenId();
    const dispatcher = new EventDispatcher({ logger: feishuSdkLogger(this.logger), loggerLevel: LoggerLevel.warn });
    dispatcher.register({
      'im.message.receive_v1': async (data: MessageEvent) => {
        this.inbound.onMessage(data);
      },
      'card.action.trigger': (data: CardActionEvent) => this.inbound.onCardAction(data),
      'application.bot.menu_v6': async (data: MenuEvent) => {
        this.inbound.onMenu(data);
      },
    } as never);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('Feishu’s long connection did not open in 30 s')),
        READY_TIMEOUT_MS,
      );
      this.ws = new WSClient({
        appId: this.settings.appId,
        appSecret: this.settings.appSecret,
        domain: this.settings.domain,
        logger: feishuSdkLogger(this.logger),
        loggerLevel: LoggerLevel.warn,
        onReady: () => {
          clearTimeout(timer);
          resolve();
        },
        onError: (error) => {
          clearTimeout(timer);
          reject(new Error(`Feishu’s long connection failed: ${error.message.slice(0, 200)}`));
        },
      });
      void this.ws.start({ eventDispatcher: dispatcher });
    });
    this.logger.info('feishu ready');
  }

  async stop(): Promise<void> {
    this.ws?.close({ force: true });
    this.ws = undefined;
  }

  /**
   * Posts `message` to a chat (`oc_…`) or to a person (`ou_…`, see openDirect); with `threadOf`, as
   * a reply in that message's thread. Its images are uploaded first and shown in the card (an upload
   * that fails fails the post, before anything is said). With `key`, Feishu drops a repeat sent
   * within an hour (the create's `uuid`) and answers with nothing new; `inDoubtSince` changes nothing.
   */
  async post(channelId: string, message: Message, options: PostOptions = {}): Promise<PostedMessage> {
    const images = new Map<string, string>();
    for (const file of message.attachments ?? []) {
      if (!file.contentType.startsWith('image/')) continue;
      images.set(file.name, await this.api.uploadImage(attachmentBytes(file)));
    }
    const card = toFeishuCard(message, images);
    const uuid = options.key ? sendKey(options.key) : undefined;
    const send = (content: FeishuCard | Content, once: string | undefined) =>
      options.threadOf
        ? this.api.reply(options.threadOf, content, { inThread: true, ...(once ? { uuid: once } : {}) })
        : this.api.create(OPEN_ID.test(channelId) ? 'open_id' : 'chat_id', channelId, content, once);
    const sent = await send(card, uuid);
    const posted = { platform: 'feishu' as const, channelId: sent.chat_id ?? channelId, messageId: sent.message_id };
    await this.sendFiles(message, channelId, (content, index) =>
      send(content, uuid ? sendKey(`${uuid}-f${index}`) : undefined),
    );
    return posted;
  }

  /**
   * The message's other files (workbooks), each as a file message right after it, in the same place.
   * Only after the post, and a failure is logged rather than failing the post (which would say the
   * message again): a failed upload can cost the files, never shows anything twice.
   */
  private async sendFiles(
    message: Message,
    channelId: string,
    send: (content: Content, index: number) => Promise<unknown>,
  ): Promise<void> {
    const files = (message.attachments ?? []).filter((file) => !file.contentType.startsWith('image/'));
    for (const [index, file] of files.entries()) {
      try {
        const key = await this.api.uploadFile(file.name, attachmentBytes(file));
        await send(fileMessage(key), index);
      } catch (error) {
        const failure = feishuDeliveryError(error, 'file');
        this.logger.error(
          { channel: channelId, file: file.name, error: failure.message },
          'feishu: the message is posted but a file could not be sent',
        );
      }
    }
  }

  /**
   * A person's chat with the bot needs no opening: a message sent to their open_id goes there
   * (receive_id_type `open_id`), and Feishu answers with that chat's id.
   */
  async openDirect(userId: string): Promise<string> {
    return userId;
  }

  /** The card replaced in place (im.v1.message.patch); its images are not shown again. */
  async edit(posted: PostedMessage, message: Message): Promise<void> {
    await this.api.patch(posted.messageId, toFeishuCard(message));
  }
}
