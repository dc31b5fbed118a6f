// How a person uses Zhiban, whichever platform: type a command, click a button on a card they can
// see, submit the form that opened, and read the cards and threads of a channel. The scenarios are
// written once against a ChatDriver and run on Slack, Discord and the web console.
import { cardValueId } from '../../../src/chat/card-value.js';
import { randomUUID } from 'node:crypto';
import type { APIMessage } from 'discord.js';
import type { Message } from '../../../src/chat/card.js';
import type { Form } from '../../../src/chat/form.js';
import type { InteractionResult, WebMessageView } from '../../../src/chat/web/api-types.js';
import { EPHEMERAL } from '../../support/discord-user.js';
import type { RecordedCall } from '../../support/fake-slack.js';
import { ADMIN_DISCORD, ADMIN_SLACK, type Harness } from '../../support/harness.js';
import type { ViewStateValues } from '../../support/slack-signer.js';
import { waitUntil } from '../../support/wait-until.js';
import { WebUser } from '../../support/web-user.js';
import { SESSION_IDLE_MS } from '../../../src/chat/web/auth/web-sessions.js';
import { overHttp, overSocket, type SlackTransport } from './slack-transport.js';

export type Platform = 'slack' | 'discord' | 'web' | 'feishu';
/**
 * The channels the scenarios read: where incident cards, alert cards, backup findings, restore
 * requests, upgrade announcements and reports go.
 */
export type Kind = 'incidents' | 'alerts' | 'backups' | 'approvals' | 'announcements' | 'reports';

/** A file Zhiban sent with a message (a chart, a workbook), as the person downloads it. */
export interface SentFile {
  name: string;
  bytes: Buffer;
}

export interface Said {
  /** Everything the person can read in the answer (the platform's JSON of it). */
  text: string;
  /** Only they see it (Slack ephemeral, Discord ephemeral flag, web private message). */
  private: boolean;
}

export interface ButtonView {
  actionId: string;
  value: string;
  label: string;
}

/** A card as people see it in a channel: the same reading on every platform. */
export interface CardView {
  /** The platform's id of the message: Slack ts, Discord message id, web message id. */
  id: string;
  channelId: string;
  title: string;
  /** What a person reads on it, one line each: title, text, `label: value` per field, footer. */
  text: string;
  buttons: ButtonView[];
}

/** A form that opened (Slack modal, Discord modal, web dialog). */
export interface OpenedForm {
  id: string;
  privateValue: string | undefined;
  /** The ids of its inputs, in order. */
  inputs: string[];
  /** Everything shown in it, as the platform's JSON. */
  text: string;
  /** What the driver needs to send it back where it was opened. */
  readonly source: unknown;
}

export interface Answer extends Said {
  /** The clicked card, changed in place (Slack replace_original, Discord update, web edit). */
  card?: CardView;
  /** A form opened instead of an answer. */
  form?: OpenedForm;
  /** Web only: the button was no longer on the card when the click arrived, and the page asks to reload. */
  gone?: boolean;
}

export interface ChatDriver {
  platform: Platform;
  admin: string;
  /** A platform user id, distinct per `n`. */
  user(n: number): string;
  /** `platform:id`, how Zhiban names the person everywhere (roles, audit, cards). */
  key(id: string): string;
  /** How the platform writes a mention of `id` into the command text. */
  mention(id: string): string;
  /** A length of argument over every limit of Zhiban's that the platform still lets a person send. */
  longArgument: number;
  /**
   * The web console checks a click against the card as it is when the click arrives: a button no
   * longer there is refused at the door. Slack and Discord deliver a click from an old card to Zhiban.
   */
  refusesStaleClicks: boolean;
  /** Makes this kind's channel the one its cards go to (web: fixed at start). */
  bind(kind: Kind): Promise<void>;
  /** Types `/ops <text>`. */
  ops(who: string, text: string): Promise<Said>;
  /** Types `/ops <text>` in the channel of `kind` itself (a setting of that channel). */
  opsIn(kind: Kind, who: string, text: string): Promise<Said>;
  /** Types a whole command, e.g. `/incident declare P1 …`, somewhere other than the cards' channels. */
  type(who: string, typed: string): Promise<Answer>;
  /** Clicks a button that is on `card` as the person sees it. */
  click(who: string, card: CardView, actionId: string, value: string): Promise<Answer>;
  /** Fills in and sends a form the person has open; inputs not given keep what the form shows. */
  submit(who: string, form: OpenedForm, values: Record<string, string>): Promise<Answer>;
  /**
   * Sends a click on `card` with a value none of its buttons carries, as a forged request would
   * (Slack and Discord deliver it to Zhiban; the web console refuses it at the door: `gone`).
   */
  forge(who: string, card: CardView, actionId: string, value: string): Promise<Answer>;
  /** The cards posted in the channel of `kind`, oldest first, each as it is now. */
  cards(kind: Kind): Promise<CardView[]>;
  /**
   * What Zhiban told `who` privately, in their direct conversation with it (a Slack DM, a Discord
   * DM, the console's `dm:<name>`), oldest first, each as it is now; a message of several cards reads
   * as one, its buttons all together.
   */
  direct(who: string): Promise<CardView[]>;
  /** The messages in a card's thread, oldest first, as text. */
  thread(card: CardView): Promise<string[]>;
  /** What Zhiban told this person privately, unasked (Slack and Discord DMs, the console's direct channel), oldest first. */
  toldText(who: string): Promise<string[]>;
  /** The files sent with messages in the channel of `kind`, or in `who`'s direct messages, oldest first. */
  files(where: Kind | { direct: string }): Promise<SentFile[]>;
}

let seq = 0;

/** `/incident declare P1 x` → `incident`, `declare P1 x`. */
function splitTyped(typed: string): { command: string; text: string } {
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(typed);
  if (!match) throw new Error(`not a command: ${typed.slice(0, 40)}`);
  return { command: match[1]!, text: match[2]! };
}

/** The button for `actionId` on what `value` names (`INC-12`), as the card shows it (its value carries the card's version). */
export function buttonOn(card: CardView, actionId: string, value: string): ButtonView {
  const button = card.buttons.find(
    (b) => b.actionId === actionId && (b.value === value || cardValueId(b.value) === value),
  );
  if (!button) {
    const shown = card.buttons.map((b) => `${b.actionId}:${b.value}`).join(', ');
    throw new Error(`no ${actionId}:${value} button on the card ${card.title} (it shows: ${shown || 'none'})`);
  }
  return button;
}

interface CardParts {
  title: string;
  text?: string | undefined;
  fields: Array<[string, string]>;
  footer?: string | undefined;
}

/** One message read as a card: its first card's title, and the lines of every card it has, in order. */
function cardView(
  id: string,
  channelId: string,
  lead: string | undefined,
  cards: CardParts | CardParts[],
  buttons: ButtonView[],
): CardView {
  const all = Array.isArray(cards) ? cards : [cards];
  const lines = [
    ...(lead ? [lead] : []),
    ...all.flatMap((parts) => [
      parts.title,
      ...(parts.text ? [parts.text] : []),
      ...parts.fields.map(([label, value]) => `${label}: ${value}`),
      ...(parts.footer ? [parts.footer] : []),
    ]),
  ];
  return { id, channelId, title: all[0]?.title ?? '', text: lines.join('\n'), buttons };
}

// ─── Slack ───────────────────────────────────────────────────────────────────────────────────

const SLACK_CHANNELS: Record<Kind, string> = {
  incidents: 'CINCIDENT1',
  alerts: 'CALERTS777',
  backups: 'CBACKUPS01',
  approvals: 'CAPPROVAL1',
  announcements: 'CANNOUNCE1',
  reports: 'CREPORTS01',
};
/** Where people type their commands: not a channel the cards go to. */
const SLACK_GENERAL = 'CGENERAL01';

interface SlackBlock {
  type: string;
  block_id?: string;
  text?: { text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<{ text?: string | { text: string }; action_id?: string; value?: string }>;
  element?: {
    type: string;
    initial_value?: string;
    initial_option?: { value: string };
    options?: Array<{ value: string; text: { text: string } }>;
  };
  optional?: boolean;
}

const unescapeSlack = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** A Slack message (post, update or response) read as a card. */
function slackCardView(id: string, channelId: string, body: Record<string, unknown>): CardView {
  const attachments = (body.attachments as Array<{ blocks?: SlackBlock[] }> | undefined) ?? [];
  const buttons: ButtonView[] = [];
  const cards = attachments.map(({ blocks = [] }) => {
    let title = '';
    const texts: string[] = [];
    const fields: Array<[string, string]> = [];
    const footer: string[] = [];
    const field = (mrkdwn: string) => {
      const labelled = /^\*(.+?)\*\n([\s\S]*)$/.exec(mrkdwn);
      if (labelled) fields.push([unescapeSlack(labelled[1]!), unescapeSlack(labelled[2]!)]);
      else texts.push(unescapeSlack(mrkdwn));
    };
    for (const block of blocks) {
      if (block.type === 'header') title = block.text?.text ?? '';
      else if (block.type === 'section') {
        if (block.text) field(block.text.text);
        for (const f of block.fields ?? []) field(f.text);
      } else if (block.type === 'actions') {
        for (const e of block.elements ?? []) {
          const label = typeof e.text === 'string' ? e.text : (e.text?.text ?? '');
          buttons.push({ actionId: e.action_id ?? '', value: e.value ?? '', label });
        }
      } else if (block.type === 'context') {
        for (const e of block.elements ?? []) footer.push(unescapeSlack(typeof e.text === 'string' ? e.text : ''));
      }
    }
    return { title, text: texts.join('\n'), fields, footer: footer.join('\n') };
  });
  const lead = cards.length && typeof body.text === 'string' ? unescapeSlack(body.text) : undefined;
  return cardView(id, channelId, lead, cards.length ? cards : [{ title: '', fields: [] }], buttons);
}

const slackOk = (call: RecordedCall) => call.status === 200 && (call.response as { ok?: boolean })?.ok === true;

/** Slack as its people use it; `transport`: how Slack delivers to Zhiban (its Request URL by default). */
export function slackDriver(h: () => Harness, transport: SlackTransport = overHttp): ChatDriver {
  const fake = () => h().slack!;
  /** Cards replaced in place through a click's response_url: the ts clicked, by response id. */
  const clickedTs = new Map<string, string>();

  const said = (body: Record<string, unknown>): Answer => ({
    text: JSON.stringify(body),
    private: body.response_type === 'ephemeral',
  });

  const slackForm = (open: RecordedCall): Answer => {
    const view = open.body.view as { callback_id: string; private_metadata: string; blocks: SlackBlock[] };
    const metadata = JSON.parse(view.private_metadata) as { v?: string };
    const viewId = (open.response as { view: { id: string } }).view.id;
    const form: OpenedForm = {
      id: view.callback_id,
      privateValue: metadata.v,
      inputs: view.blocks.map((b) => b.block_id!),
      text: JSON.stringify(view),
      source: { view, viewId },
    };
    return { text: '', private: true, form };
  };

  /** The answer to a command or click: at its response_url, or a modal opened with its trigger. */
  const answerOf = async (responseId: string, triggerId: string, clicked?: CardView): Promise<Answer> => {
    const call = await waitUntil(
      async () =>
        fake().calls.find(
          (c) =>
            (c.method === 'response' && c.path.endsWith(`/${responseId}`)) ||
            (c.method === 'views.open' && c.body.trigger_id === triggerId),
        ),
      `Slack's answer (${responseId})`,
    );
    if (call.method === 'views.open') return slackForm(call);
    if (clicked && call.body.replace_original === true) {
      return { ...said(call.body), card: slackCardView(clicked.id, clicked.channelId, call.body) };
    }
    return said(call.body);
  };

  /** Clicks a button of `card` carrying `value` (a forged one need not be on the card). */
  const clickWith = async (who: string, card: CardView, actionId: string, value: string): Promise<Answer> => {
    const responseId = `drv-act${++seq}`;
    const triggerId = `drv-trigger-act${seq}`;
    clickedTs.set(responseId, card.id);
    await transport.action(h(), {
      actionId,
      value,
      userId: who,
      channelId: card.channelId,
      messageTs: card.id,
      responseUrl: fake().responseUrl(responseId),
      triggerId,
    });
    return answerOf(responseId, triggerId, card);
  };

  /** What Zhiban posted to `channel` (outside threads), each as it is now: edits and clicked changes applied. */
  const postedTo = (channel: string): CardView[] => {
    const posts = fake()
      .callsTo('chat.postMessage')
      .filter((c) => c.body.channel === channel && !c.body.thread_ts && slackOk(c));
    return posts.map((post) => {
      const { ts, channel: where } = post.response as { ts: string; channel: string };
      const versions = fake().calls.filter(
        (c) =>
          c === post ||
          (c.method === 'chat.update' && c.body.ts === ts && slackOk(c)) ||
          (c.method === 'response' &&
            c.body.replace_original === true &&
            clickedTs.get(c.path.split('/').at(-1)!) === ts),
      );
      return slackCardView(ts, where, versions.at(-1)!.body);
    });
  };

  const type = async (who: string, typed: string, channelId = SLACK_GENERAL): Promise<Answer> => {
    const { command, text } = splitTyped(typed);
    const responseId = `drv-cmd${++seq}`;
    const triggerId = `drv-trigger-cmd${seq}`;
    const inAck = await transport.command(h(), {
      command: `/${command}`,
      text,
      userId: who,
      channelId,
      responseUrl: fake().responseUrl(responseId),
      triggerId,
    });
    // A quick answer rides in the acknowledgement; a slow one, or a form, comes after it.
    if (Object.keys(inAck).length > 0) return said(inAck);
    return answerOf(responseId, triggerId);
  };

  return {
    platform: 'slack',
    admin: ADMIN_SLACK,
    user: (n) => `UROLE${String(n).padStart(5, '0')}`,
    key: (id) => `slack:${id}`,
    mention: (id) => `<@${id}|someone>`,
    longArgument: 10_000,
    refusesStaleClicks: false,
    bind: async (kind) => {
      await type(ADMIN_SLACK, `/ops channel set ${kind}`, SLACK_CHANNELS[kind]);
    },
    ops: (who, text) => type(who, `/ops ${text}`),
    opsIn: (kind, who, text) => type(who, `/ops ${text}`, SLACK_CHANNELS[kind]),
    type: (who, typed) => type(who, typed),
    click: (who, card, actionId, id) => clickWith(who, card, actionId, buttonOn(card, actionId, id).value),
    forge: (who, card, actionId, value) => clickWith(who, card, actionId, value),
    submit: async (who, form, values) => {
      const { view, viewId } = form.source as {
        view: { callback_id: string; private_metadata: string; blocks: SlackBlock[] };
        viewId: string;
      };
      const state: ViewStateValues = {};
      for (const block of view.blocks) {
        const id = block.block_id!;
        const element = block.element!;
        if (element.type === 'static_select') {
          const chosen = values[id] ?? element.initial_option?.value;
          const option = element.options?.find((o) => o.value === chosen);
          if (chosen !== undefined && !option) throw new Error(`Slack offers no choice ${chosen} for ${id}`);
          if (!option && !block.optional) throw new Error(`Slack would not send the form without ${id}`);
          state[id] = { value: { type: 'static_select', selected_option: option ?? null } };
        } else {
          const typed = values[id] ?? element.initial_value ?? null;
          if (!typed && !block.optional) throw new Error(`Slack would not send the form without ${id}`);
          // Slack sends an input left empty as null.
          state[id] = { value: { type: 'plain_text_input', value: typed || null } };
        }
      }
      const unknown = Object.keys(values).filter((id) => !view.blocks.some((b) => b.block_id === id));
      if (unknown.length) throw new Error(`the form ${view.callback_id} has no input ${unknown.join(', ')}`);
      const told = fake()
        .callsTo('chat.postEphemeral')
        .filter((c) => c.body.user === who).length;
      await transport.submission(h(), {
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        userId: who,
        values: state,
        viewId,
      });
      // The answer to a form is a message only its sender sees, in the channel it was opened from.
      const answer = await fake().waitFor('chat.postEphemeral', {
        predicate: (c) => c.body.user === who,
        count: told + 1,
        timeoutMs: 10_000,
      });
      return { text: JSON.stringify(answer.body), private: true };
    },
    cards: async (kind) => postedTo(SLACK_CHANNELS[kind]),
    // Zhiban posts to a person by their user id; Slack answers with the direct conversation's id.
    direct: async (who) => postedTo(who),
    thread: async (card) =>
      fake()
        .callsTo('chat.postMessage')
        .filter((c) => c.body.channel === card.channelId && c.body.thread_ts === card.id && slackOk(c))
        .map((c) => (c.body.attachments ? slackCardView('', '', c.body).text : String(c.body.text))),
    files: async (where) => {
      const channel = typeof where === 'string' ? SLACK_CHANNELS[where] : fake().directChannelOf(where.direct);
      return channel
        ? fake()
            .filesIn(channel)
            .map((f) => ({ name: f.name, bytes: f.bytes! }))
        : [];
    },
    // Zhiban posts to a person by their user id (see direct above).
    toldText: async (who) =>
      fake()
        .callsTo('chat.postMessage')
        .filter((c) => c.body.channel === who && slackOk(c))
        .map((c) => (c.body.attachments ? slackCardView('', '', c.body).text : String(c.body.text))),
  };
}

/** Slack in Socket Mode (SLACK_APP_TOKEN): the same people, their requests over the websocket. */
export function slackSocketDriver(h: () => Harness): ChatDriver {
  return slackDriver(h, overSocket);
}

// ─── Discord ─────────────────────────────────────────────────────────────────────────────────

interface DiscordData {
  content?: string;
  flags?: number;
  custom_id?: string;
  title?: string;
  embeds?: Array<{
    title?: string;
    description?: string;
    fields?: Array<{ name: string; value: string }>;
    footer?: { text: string };
  }>;
  components?: Array<{
    components: Array<{ custom_id: string; label?: string; value?: string; required?: boolean }>;
  }>;
}

function discordCardView(id: string, channelId: string, data: DiscordData): CardView {
  const embeds = data.embeds?.length ? data.embeds : [undefined];
  const buttons = (data.components ?? []).flatMap((row) =>
    row.components.map((b) => {
      const at = b.custom_id.indexOf(':');
      return { actionId: b.custom_id.slice(0, at), value: b.custom_id.slice(at + 1), label: b.label ?? '' };
    }),
  );
  return cardView(
    id,
    channelId,
    data.content || undefined,
    embeds.map((embed) => ({
      title: embed?.title ?? '',
      text: embed?.description,
      fields: (embed?.fields ?? []).map((f): [string, string] => [f.name, f.value]),
      footer: embed?.footer?.text,
    })),
    buttons,
  );
}

export function discordDriver(h: () => Harness): ChatDriver {
  const fake = () => h().discord!;
  const channel = () => fake().channelIds[0]!;

  /** The answer to an interaction: its response, or what a deferred response became. */
  const answerOf = async (interactionId: string, clicked?: CardView): Promise<Answer> => {
    const first = (await fake().waitForReply(interactionId, { timeoutMs: 10_000 })) as {
      type: number;
      data?: DiscordData;
    };
    let type = first.type;
    let data = first.data ?? {};
    if (type === 5 || type === 6) {
      // Deferred (the handler took over 2 s): the answer is the edit of @original or a follow-up.
      const later = await waitUntil(
        async () =>
          fake()
            .repliesTo(interactionId)
            .find((c) => c.status < 400 && !c.path.endsWith('/callback')),
        `the deferred answer to ${interactionId}`,
      );
      data = later.body as DiscordData;
      const followUp = later.method === 'POST';
      type = type === 6 && !followUp ? 7 : 4;
      if (type === 4 && first.type === 5 && !followUp) data = { ...data, flags: EPHEMERAL };
    }
    if (type === 9) {
      const components = data.components ?? [];
      const [, formId = '', privateValue] = /^form:([^:]*):?(.*)$/.exec(data.custom_id ?? '') ?? [];
      const form: OpenedForm = {
        id: formId,
        privateValue: privateValue || undefined,
        inputs: components.map((row) => row.components[0]!.custom_id),
        text: JSON.stringify(data),
        source: { customId: data.custom_id, components, card: clicked },
      };
      return { text: '', private: true, form };
    }
    const answer = { text: JSON.stringify(data), private: ((data.flags ?? 0) & EPHEMERAL) !== 0 };
    if (type === 7) {
      if (!clicked) throw new Error('Discord updated a message that was not clicked');
      return { ...answer, card: discordCardView(clicked.id, clicked.channelId, data) };
    }
    if (type !== 4) throw new Error(`Discord answered with interaction response type ${type}`);
    return answer;
  };

  const type = async (who: string, typed: string): Promise<Answer> => {
    // Discord sends the subcommand, and the rest as the one text option every subcommand has.
    const { command, text } = splitTyped(typed);
    const [sub, ...rest] = text.split(' ');
    const args = rest.join(' ');
    const options = sub
      ? [{ type: 1, name: sub, options: args ? [{ type: 3, name: 'args', value: args }] : [] }]
      : undefined;
    const sent = fake().sendCommand({
      name: command,
      ...(options ? { options: options as never } : {}),
      userId: who,
      locale: 'zh-CN',
      channelId: channel(),
    });
    return answerOf(sent.id);
  };

  const view = (message: APIMessage) => discordCardView(message.id, message.channel_id, message as DiscordData);

  /** Clicks a button of `card` carrying `value` (a forged one need not be on the card). */
  const clickWith = async (who: string, card: CardView, actionId: string, value: string): Promise<Answer> => {
    const message = fake().message(card.id);
    if (!message) throw new Error(`Discord has no message ${card.id}`);
    const sent = fake().sendButton({
      customId: `${actionId}:${value}`,
      userId: who,
      locale: 'zh-CN',
      channelId: card.channelId,
      message,
    });
    return answerOf(sent.id, card);
  };

  return {
    platform: 'discord',
    admin: ADMIN_DISCORD,
    user: (n) => `4000000000000${String(n).padStart(5, '0')}`,
    key: (id) => `discord:${id}`,
    mention: (id) => `<@!${id}>`,
    longArgument: 10_000,
    refusesStaleClicks: false,
    bind: async (kind) => {
      await type(ADMIN_DISCORD, `/ops channel set ${kind}`);
    },
    ops: (who, text) => type(who, `/ops ${text}`),
    // Every kind's cards go to the one channel the fake guild has.
    opsIn: (_kind, who, text) => type(who, `/ops ${text}`),
    type,
    click: (who, card, actionId, id) => clickWith(who, card, actionId, buttonOn(card, actionId, id).value),
    forge: (who, card, actionId, value) => clickWith(who, card, actionId, value),
    submit: async (who, form, values) => {
      const { customId, components, card } = form.source as {
        customId: string;
        components: NonNullable<DiscordData['components']>;
        card: CardView | undefined;
      };
      const fields: Record<string, string> = {};
      for (const input of components.map((row) => row.components[0]!)) {
        const typed = values[input.custom_id] ?? input.value ?? '';
        if (!typed && input.required) throw new Error(`Discord would not send the form without ${input.custom_id}`);
        fields[input.custom_id] = typed;
      }
      const unknown = Object.keys(values).filter((id) => !(id in fields));
      if (unknown.length) throw new Error(`the form ${form.id} has no input ${unknown.join(', ')}`);
      const message = card ? fake().message(card.id) : undefined;
      const sent = fake().sendModalSubmit({
        customId,
        fields,
        userId: who,
        locale: 'zh-CN',
        channelId: card?.channelId ?? channel(),
        ...(message ? { message } : {}),
      });
      return answerOf(sent.id, card);
    },
    cards: async () =>
      fake()
        .posts(channel())
        .filter((m) => m.embeds.length > 0)
        .map(view),
    direct: async (who) => {
      const dm = fake().directChannelOf(who);
      return dm ? fake().posts(dm).map(view) : [];
    },
    thread: async (card) =>
      fake()
        .posts(card.id)
        .map((m) => (m.embeds.length ? view(m).text : m.content)),
    files: async (where) => {
      const target = typeof where === 'string' ? channel() : fake().directChannelOf(where.direct);
      return fake()
        .callsTo('POST', new RegExp(`/channels/${target}/messages$`))
        .filter((c) => c.status < 300)
        .flatMap((c) => c.files.map((f) => ({ name: f.name, bytes: f.bytes })));
    },
    toldText: async (who) =>
      fake()
        .directPosts(who)
        .map((m) => (m.embeds.length ? view(m).text : m.content)),
  };
}

// ─── Web console ─────────────────────────────────────────────────────────────────────────────

function webCardView(view: WebMessageView): CardView {
  const message = view.message as Message;
  const cards = message.cards?.length ? message.cards : [undefined];
  return cardView(
    view.id,
    view.channelId,
    message.lead,
    cards.map((card) => ({
      title: card?.title ?? '',
      text: [card?.text, card?.link ? `${card.link.label} (${card.link.url})` : undefined].filter(Boolean).join('\n'),
      fields: (card?.fields ?? []).map((f): [string, string] => [f.label, f.value]),
      footer: card?.footer,
    })),
    cards.flatMap((card) =>
      (card?.buttons ?? []).map((b) => ({ actionId: b.actionId, value: b.value, label: b.label })),
    ),
  );
}

/**
 * The console's people, each signed in once (signing in again would end their first session), and
 * again only when a moved clock let their session lapse (SESSION_IDLE_MS without a request), as a
 * person coming back the next day signs in again.
 */
export function webDriver(h: () => Harness): ChatDriver {
  const people = new Map<string, { user: Promise<WebUser>; usedAt: number }>();
  const as = (name: string) => {
    const now = Date.now();
    const known = people.get(name);
    if (known && now - known.usedAt < SESSION_IDLE_MS - 60_000) {
      known.usedAt = now;
      return known.user;
    }
    const user = WebUser.signIn(h().url, name);
    people.set(name, { user, usedAt: now });
    return user;
  };
  const history = async (user: WebUser, channelId: string) => {
    const answer = await user.history(channelId);
    if (answer.status !== 200) throw new Error(`history of ${channelId} answered ${answer.status}`);
    return answer.body.messages;
  };
  const ids = async (user: WebUser, channelId: string) => new Set((await history(user, channelId)).map((m) => m.id));

  /** The private answers this person got since `before`, in the channel (under `thread`, if given). */
  const answers = async (user: WebUser, channelId: string, before: Set<string>, thread?: string) =>
    (await history(user, channelId)).filter(
      (m) => !before.has(m.id) && m.private && !m.author && (m.thread ?? undefined) === thread,
    );

  const webForm = (form: Form, channelId: string, card?: CardView): Answer => ({
    text: '',
    private: true,
    form: {
      id: form.id,
      privateValue: form.privateValue,
      inputs: form.inputs.map((i) => i.id),
      text: JSON.stringify(form),
      source: { form, channelId, card },
    },
  });

  const said = (messages: WebMessageView[]): Answer => {
    if (messages.length === 0) throw new Error('the web console answered nothing');
    return {
      text: JSON.stringify(messages.map((m) => m.message)),
      private: messages.every((m) => m.private),
    };
  };

  /** Clicks a button of `card` carrying `value`; one the card never offered is refused at the door (`gone`). */
  const clickWith = async (who: string, card: CardView, actionId: string, value: string): Promise<Answer> => {
    const user = await as(who);
    const before = await history(user, card.channelId);
    const version = before.find((m) => m.id === card.id)?.version ?? 0;
    const answer = await user.call<InteractionResult & { error?: string }>('POST', '/api/actions', {
      messageId: card.id,
      actionId,
      value,
      requestId: randomUUID(),
    });
    if (answer.status === 400 && answer.body.error === 'unknown_action') {
      return { text: JSON.stringify(answer.body), private: true, gone: true };
    }
    if (answer.status !== 200)
      throw new Error(`/api/actions answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    if (answer.body.form) return webForm(answer.body.form, card.channelId, card);
    const seen = new Set(before.map((m) => m.id));
    const mine = await answers(user, card.channelId, seen, card.id);
    if (mine.length) return said(mine);
    const now = (await history(user, card.channelId)).find((m) => m.id === card.id);
    if (!now || now.version <= version) throw new Error(`the click on ${card.title} was not answered`);
    return { text: JSON.stringify(now.message), private: false, card: webCardView(now) };
  };

  const type = async (who: string, typed: string, channelId = `dm:${who}`): Promise<Answer> => {
    const user = await as(who);
    const before = await ids(user, channelId);
    const answer = await user.call<InteractionResult>('POST', '/api/commands', {
      channelId,
      text: typed,
      requestId: randomUUID(),
    });
    if (answer.status !== 200)
      throw new Error(`/api/commands answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    if (answer.body.form) return webForm(answer.body.form, channelId);
    return said(await answers(user, channelId, before));
  };

  return {
    platform: 'web',
    admin: 'admin',
    user: (n) => `u${String(n).padStart(5, '0')}`,
    key: (id) => `web:${id}`,
    // There is no mention on the console: a person is named by their key.
    mention: (id) => `web:${id}`,
    // The console takes commands of up to 4,000 characters.
    longArgument: 3_900,
    refusesStaleClicks: false,
    bind: async () => {
      // Each kind has its fixed channel on the console, bound when Zhiban starts.
    },
    ops: (who, text) => type(who, `/ops ${text}`),
    opsIn: (kind, who, text) => type(who, `/ops ${text}`, kind),
    type: (who, typed) => type(who, typed),
    click: (who, card, actionId, id) => clickWith(who, card, actionId, buttonOn(card, actionId, id).value),
    forge: (who, card, actionId, value) => clickWith(who, card, actionId, value),
    submit: async (who, form, values) => {
      const { form: shown, channelId, card } = form.source as { form: Form; channelId: string; card?: CardView };
      const unknown = Object.keys(values).filter((id) => !shown.inputs.some((i) => i.id === id));
      if (unknown.length) throw new Error(`the form ${shown.id} has no input ${unknown.join(', ')}`);
      // As the page does: every input is sent, with what the person typed or what the form showed.
      const sent: Record<string, string> = {};
      for (const input of shown.inputs) {
        const value = values[input.id] ?? input.initial ?? '';
        if (input.kind === 'select' && value && !(input.options ?? []).some((o) => o.value === value)) {
          throw new Error(`the page offers no choice ${value} for ${input.id}`);
        }
        if (!value && input.required) throw new Error(`the page would not send the form without ${input.id}`);
        sent[input.id] = value;
      }
      const user = await as(who);
      const before = await ids(user, channelId);
      const answer = await user.call<InteractionResult>('POST', '/api/forms', {
        channelId,
        formId: shown.id,
        values: sent,
        ...(shown.privateValue ? { privateValue: shown.privateValue } : {}),
        ...(card ? { messageId: card.id } : {}),
        requestId: randomUUID(),
      });
      if (answer.status !== 200)
        throw new Error(`/api/forms answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      if (answer.body.form) return webForm(answer.body.form, channelId, card);
      return said(await answers(user, channelId, before, card?.id));
    },
    cards: async (kind) =>
      (await history(await as('admin'), kind))
        .filter((m) => !m.thread && !m.private && !m.author && m.message.cards?.length)
        .map(webCardView),
    direct: async (who) =>
      (await history(await as(who), `dm:${who}`))
        .filter((m) => !m.thread && !m.private && !m.author && m.message.cards?.length)
        .map(webCardView),
    thread: async (card) =>
      (await history(await as('admin'), card.channelId))
        .filter((m) => m.thread === card.id && !m.private)
        .map((m) => (m.message.cards?.length ? webCardView(m).text : m.message.text)),
    files: async (where) => {
      const user = await as(typeof where === 'string' ? 'admin' : where.direct);
      const channelId = typeof where === 'string' ? where : `dm:${where.direct}`;
      const files = (await history(user, channelId)).flatMap((m) => (m.message as Message).attachments ?? []);
      return Promise.all(
        files.map(async (file) => {
          const got = await user.download(file.url!);
          if (got.status !== 200) throw new Error(`${file.url} answered ${got.status}`);
          // As a browser treats it: a chart shown in the page, anything else saved as a file.
          const how = got.contentType.startsWith('image/') ? 'inline' : 'attachment';
          if (!got.disposition.startsWith(`${how};`)) throw new Error(`${file.name} is served ${got.disposition}`);
          return { name: file.name, bytes: got.bytes };
        }),
      );
    },
    // What the outbox said in the person's direct channel (their own answers there are private).
    toldText: async (who) =>
      (await history(await as(who), `dm:${who}`))
        .filter((m) => !m.private && !m.author)
        .map((m) => (m.message.cards?.length ? webCardView(m).text : m.message.text)),
  };
}

// ─── Waiting for what the outbox posts ───────────────────────────────────────────────────────

/** The card whose title matches, once it is in the channel of `kind`. */
export function cardIn(driver: ChatDriver, kind: Kind, title: RegExp): Promise<CardView> {
  return waitUntil(
    async () => (await driver.cards(kind)).find((c) => title.test(c.title)),
    `a card ${title} in ${kind}`,
  );
}

/** The card as it is in its channel, once `check` holds for it (an edit may be on its way). */
export function cardOnceIt(
  driver: ChatDriver,
  kind: Kind,
  card: CardView,
  check: (now: CardView) => boolean,
  what: string,
): Promise<CardView> {
  return waitUntil(async () => {
    const now = (await driver.cards(kind)).find((c) => c.id === card.id);
    return now && check(now) ? now : undefined;
  }, `${card.title}: ${what}`);
}

/** The line of the card's thread that matches, once it is there. */
export function threadLine(driver: ChatDriver, card: CardView, line: RegExp): Promise<string> {
  return waitUntil(
    async () => (await driver.thread(card)).find((l) => line.test(l)),
    `${line} in ${card.title}'s thread`,
  );
}
