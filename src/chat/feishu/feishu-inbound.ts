// What arrives over Feishu's long connection, handed to the router as neutral contexts: a message
// read as a command (feishu-text.ts), a card click (`card.action.trigger`), a card form sent back.
// Answers carry a `uuid` made from the event's id, so an event Feishu delivers twice is not
// answered twice.
import type { Logger } from 'pino';
import type { Message } from '../card.js';
import type { Replier } from '../context.js';
import type { Form } from '../form.js';
import { clean, plainText } from '../neutral-text.js';
import type { Router } from '../router.js';
import { truncate } from '../text.js';
import { UserError } from '../user-error.js';
import { ClickAnswer, TOAST_MAX, type CallbackResponse } from './click-answer.js';
import { parseButtonValue, toFeishuCard } from './feishu-card.js';
import type { FeishuApi } from './feishu-api.js';
import { formValues, toFeishuFormCard } from './feishu-form.js';
import { commandOf, type FeishuIncomingMessage } from './feishu-text.js';
import { rateLimitedAnswers } from './rate-limited-answers.js';
import { sendKey } from './send-key.js';

/** `im.message.receive_v1` as the SDK hands it over (header and event flattened into one object). */
export interface MessageEvent {
  event_id?: string;
  sender?: { sender_id?: { open_id?: string }; sender_type?: string };
  message?: FeishuIncomingMessage & { message_id?: string; chat_id?: string };
}

/** `card.action.trigger` as the SDK hands it over. */
export interface CardActionEvent {
  event_id?: string;
  operator?: { open_id?: string };
  action?: { value?: unknown; tag?: string; name?: string; form_value?: unknown };
  context?: { open_message_id?: string; open_chat_id?: string };
}

/** `application.bot.menu_v6`: an item of the bot's menu (set up in the developer console) was chosen. */
export interface MenuEvent {
  event_id?: string;
  event_key?: string;
  operator?: { operator_id?: { open_id?: string } };
}

/**
 * The bot menu's items, by the event key each is given in the developer console, and the command
 * each stands for. The answer comes in the person's private chat with the bot.
 */
export const MENU_COMMANDS: Readonly<Record<string, { command: string; text: string }>> = {
  help: { command: 'ops', text: 'help' },
  declare: { command: 'incident', text: 'declare' },
  incidents: { command: 'incident', text: 'list' },
  alerts: { command: 'alert', text: 'list' },
};

/** Events remembered, to act once on one Feishu delivers again (it does when an answer is late or lost). */
const REMEMBERED_EVENTS = 2000;

export class FeishuInbound {
  /** The bot's own open_id, learnt when the adapter starts: a group message mentioning it is a command. */
  botOpenId: string | undefined;
  private readonly seen = new Set<string>();
  /** Answers to what people typed and clicked, waiting out Feishu's rate limit (the outbox does so for the rest). */
  private readonly answers: Pick<FeishuApi, 'create' | 'reply'>;

  constructor(
    private readonly api: FeishuApi,
    private readonly router: Router,
    private readonly logger: Logger,
  ) {
    this.answers = rateLimitedAnswers(api);
  }

  /**
   * A message, answered in the background: the SDK acknowledges the event only when this returns,
   * and Feishu sends it again if that takes too long.
   */
  onMessage(event: MessageEvent): void {
    const message = event.message;
    const userId = event.sender?.sender_id?.open_id;
    if (!message?.message_id || !message.chat_id || !userId || event.sender?.sender_type !== 'user') return;
    const typed = commandOf(message, this.botOpenId);
    if (!typed || this.again(event.event_id)) return;
    const { message_id: messageId, chat_id: chatId } = message;
    const direct = message.chat_type === 'p2p';
    const send = this.sender(event.event_id ?? messageId);
    const replier: Replier = {
      reply: async (m) => {
        await this.answers.reply(messageId, toFeishuCard(m), { inThread: false, uuid: send.next() });
      },
      // In the person's own chat with the bot a reply is private already; in a group it goes there.
      replyPrivate: async (m) => {
        if (direct) await this.answers.reply(messageId, toFeishuCard(m), { inThread: false, uuid: send.next() });
        else await this.answers.create('open_id', userId, toFeishuCard(m), send.next());
      },
      openForm: async (form: Form) => {
        await this.answers.create('open_id', userId, toFeishuFormCard(form, chatId), send.next());
      },
    };
    this.router
      .handleCommand({
        actor: { platform: 'feishu', id: userId },
        conversation: { platform: 'feishu', channelId: chatId },
        requestId: `feishu:${event.event_id ?? messageId}`,
        command: typed.command,
        text: typed.text,
        replier,
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'feishu command failed'));
  }

  /** A choice in the bot's menu, answered in the background in the person's private chat with the bot. */
  onMenu(event: MenuEvent): void {
    const userId = event.operator?.operator_id?.open_id;
    const typed = Object.hasOwn(MENU_COMMANDS, event.event_key ?? '') ? MENU_COMMANDS[event.event_key!] : undefined;
    if (!userId || !typed || this.again(event.event_id)) return;
    const send = this.sender(event.event_id ?? `${userId}:${event.event_key}`);
    const privately = async (m: Message) => {
      await this.answers.create('open_id', userId, toFeishuCard(m), send.next());
    };
    this.router
      .handleCommand({
        actor: { platform: 'feishu', id: userId },
        // Posting to a person's open_id reaches their private chat with the bot.
        conversation: { platform: 'feishu', channelId: userId },
        requestId: `feishu:${event.event_id ?? userId}`,
        ...typed,
        replier: {
          reply: privately,
          replyPrivate: privately,
          openForm: async (form: Form) => {
            await this.answers.create('open_id', userId, toFeishuFormCard(form, userId), send.next());
          },
        },
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'feishu menu command failed'));
  }

  /**
   * A click on a card's button, or a card form sent back. Resolves with what Feishu shows at once
   * (a toast, the card's new look) when the handler is done or just before Feishu's 3 s are up;
   * whatever the handler says later is sent as calls of their own.
   */
  async onCardAction(event: CardActionEvent): Promise<CallbackResponse> {
    const userId = event.operator?.open_id;
    const messageId = event.context?.open_message_id;
    const chatId = event.context?.open_chat_id ?? '';
    if (!userId || !messageId || this.again(event.event_id)) return {};
    const answer = new ClickAnswer();
    const send = this.sender(event.event_id ?? `${messageId}:${userId}`);
    const value = parseButtonValue(event.action?.value);
    const privately = async (m: Message, preferCard: boolean) => {
      if (preferCard && answer.offerCard(toFeishuCard(m))) return;
      // A refusal's card only frames its text: a toast says it where the person clicked.
      if ((m.refusal === true || !m.cards?.length) && !m.attachments?.length && m.text.length <= TOAST_MAX) {
        const line = truncate(plainText(m.text), TOAST_MAX);
        if (answer.offerToast(line, m.refusal ? 'error' : 'info')) return;
      }
      await this.answers.create('open_id', userId, toFeishuCard(m), send.next());
    };
    const base = {
      actor: { platform: 'feishu' as const, id: userId },
      requestId: `feishu:${event.event_id ?? messageId}`,
    };
    let work: Promise<void>;
    if (value && 'f' in value) {
      // A form card sits in the person's chat with the bot: its answer takes the form's place there.
      work = this.router.handleForm({
        ...base,
        // The form card is the request (as Slack's view is): sent again, or ten times at once, it
        // is one request, so a declaration from it makes one incident.
        requestId: `feishu:form:${messageId}`,
        conversation: { platform: 'feishu', channelId: value.c },
        formId: value.f,
        values: Object.fromEntries(Object.entries(formValues(event.action?.form_value)).map(([k, v]) => [k, clean(v)])),
        privateValue: value.p,
        replier: {
          reply: async (m) => {
            await this.answers.create(
              value.c.startsWith('ou_') ? 'open_id' : 'chat_id',
              value.c,
              toFeishuCard(m),
              send.next(),
            );
          },
          replyPrivate: (m) => privately(m, true),
          openForm: async () => {
            throw new UserError('errors.form_unavailable');
          },
        },
      });
    } else {
      work = this.router.handleAction({
        ...base,
        conversation: { platform: 'feishu', channelId: chatId },
        actionId: value && 'a' in value ? value.a : '',
        value: value && 'a' in value ? value.v : '',
        replier: {
          reply: async (m) => {
            await this.answers.reply(messageId, toFeishuCard(m), { inThread: true, uuid: send.next() });
          },
          replyPrivate: (m) => privately(m, false),
          openForm: async (form) => {
            await this.answers.create('open_id', userId, toFeishuFormCard(form, chatId), send.next());
          },
        },
        update: async (m) => {
          const card = toFeishuCard(m);
          if (!answer.offerCard(card)) await this.api.patch(messageId, card);
        },
      });
    }
    work
      .catch((error: unknown) => this.logger.error({ err: error }, 'feishu card action failed'))
      .finally(() => answer.finish());
    return answer.response;
  }

  /**
   * Whether this process has had the event before. Only this process: with several processes each
   * holding a long connection, a repeat that reaches another is acted on there (its answers still
   * carry the same uuids, so Feishu shows them once).
   */
  private again(eventId: string | undefined): boolean {
    if (!eventId) return false;
    if (this.seen.has(eventId)) return true;
    if (this.seen.size >= REMEMBERED_EVENTS) this.seen.delete(this.seen.values().next().value!);
    this.seen.add(eventId);
    return false;
  }

  /** The uuids of one event's answers: the same on a second delivery of the event, so Feishu drops the repeat. */
  private sender(eventId: string) {
    let count = 0;
    return { next: () => sendKey(`z${++count}-${eventId}`) };
  }
}
