// How a person uses Zhiban on Feishu, for the scenarios written once (chat-driver.ts): they mention
// the bot in a group (`@值班 /incident declare …`), click a card's buttons, fill in a form card sent
// to their chat with the bot, and read the group's cards and threads — all through FakeFeishu, which
// the real SDK in Zhiban talks to. Zhiban's answers to one event carry `uuid`s made from its id
// (`z1-<event id>`, …), which is how an answer is told from the outbox's messages.
import { FakeFeishu, type EventAnswer, type FakeMessage } from '../../support/fake-feishu.js';
import { ADMIN_FEISHU, type Harness } from '../../support/harness.js';
import { waitUntil } from '../../support/wait-until.js';
import {
  buttonOn,
  type Answer,
  type ButtonView,
  type CardView,
  type ChatDriver,
  type Kind,
  type OpenedForm,
  type SentFile,
} from './chat-driver.js';

type Json = Record<string, unknown>;

const FEISHU_CHANNELS: Record<Kind, string> = {
  incidents: 'oc_incidents00000001',
  alerts: 'oc_alerts00000000001',
  backups: 'oc_backups0000000001',
  approvals: 'oc_approvals00000001',
  announcements: 'oc_announce000000001',
  reports: 'oc_reports0000000001',
};
/** Where people type their commands: not a group the cards go to. */
const FEISHU_GENERAL = 'oc_general0000000001';

/** The elements of a card, depth first (buttons sit in columns, inputs in a form). */
function walk(elements: unknown, visit: (element: Json) => void): void {
  if (!Array.isArray(elements)) return;
  for (const element of elements as Json[]) {
    visit(element);
    walk(element.elements, visit);
    walk(element.columns, visit);
  }
}

const elementsOf = (card: Json) => (card.body as { elements?: unknown } | undefined)?.elements;

/** A Feishu card read as people see it: the header, each line of text in order (footer last), the buttons. */
export function feishuCardView(id: string, channelId: string, card: Json): CardView {
  const title = ((card.header as { title?: { content?: string } } | undefined)?.title?.content ?? '').toString();
  const lines: string[] = title ? [title] : [];
  const buttons: ButtonView[] = [];
  walk(elementsOf(card), (element) => {
    const text = element.text as { content?: string } | undefined;
    if (element.tag === 'div' && typeof text?.content === 'string') lines.push(text.content);
    if (element.tag === 'button') {
      const value = (element.behaviors as Array<{ value?: { a?: string; v?: string } }> | undefined)?.[0]?.value;
      const label = (element.text as { content?: string } | undefined)?.content ?? '';
      if (value?.a !== undefined) buttons.push({ actionId: value.a, value: value.v ?? '', label });
    }
  });
  return { id, channelId, title, text: lines.join('\n'), buttons };
}

function formOf(message: FakeMessage): OpenedForm | undefined {
  const card = FakeFeishu.cardOf(message);
  let form: Json | undefined;
  walk(elementsOf(card), (e) => {
    if (e.tag === 'form') form = e;
  });
  if (!form) return undefined;
  const inputs: Json[] = [];
  let submit: { f?: string; p?: string } | undefined;
  walk(form.elements, (e) => {
    if (e.tag === 'input' || e.tag === 'select_static') inputs.push(e);
    if (e.tag === 'button' && e.form_action_type === 'submit') {
      submit = (e.behaviors as Array<{ value?: { f?: string; p?: string } }>)[0]?.value;
    }
  });
  return {
    id: submit?.f ?? '',
    privateValue: submit?.p,
    inputs: inputs.map((i) => String(i.name)),
    text: JSON.stringify(card),
    source: { messageId: message.message_id, inputs, submit },
  };
}

export function feishuDriver(h: () => Harness): ChatDriver {
  const fake = () => h().feishu!;

  /** What Zhiban said in answer to the event `eventId`: its first message, as a form, a private or a visible answer. */
  const answerTo = async (eventId: string): Promise<Answer> => {
    const message = await waitUntil(
      async () => fake().messages.withUuid(`z1-${eventId}`)[0],
      `the answer to ${eventId}`,
    );
    const form = formOf(message);
    if (form) return { text: '', private: true, form };
    return { text: JSON.stringify(FakeFeishu.cardOf(message)), private: message.toUser !== undefined };
  };

  /**
   * The answer to a click: what its callback carried (a toast, the card's new look), else what
   * followed it — a message, or (a handler slower than Feishu's 3 s) the card updated later.
   */
  const clickAnswer = async (eventId: string, answer: EventAnswer, card?: CardView, versions = 0): Promise<Answer> => {
    if (answer.code !== 200) throw new Error(`the click's handler failed (code ${answer.code})`);
    if (answer.tookMs > 3000) throw new Error(`the click was answered after ${answer.tookMs} ms; Feishu waits 3 s`);
    const data = (answer.data ?? {}) as { toast?: { content?: string }; card?: { data?: Json } };
    if (data.card?.data) {
      const view = card ? feishuCardView(card.id, card.channelId, data.card.data) : undefined;
      const text = [data.toast?.content ?? '', JSON.stringify(data.card.data)].join('\n');
      return view ? { text, private: false, card: view } : { text, private: true };
    }
    if (data.toast?.content) return { text: data.toast.content, private: true };
    const clicked = card ? fake().messages.get(card.id) : undefined;
    const later = await waitUntil(
      async () =>
        fake().messages.withUuid(`z1-${eventId}`)[0] ??
        (clicked && clicked.versions.length > versions ? clicked : undefined),
      `the answer to ${eventId}`,
    );
    if (later === clicked && card) {
      const now = FakeFeishu.cardOf(later);
      return { text: JSON.stringify(now), private: false, card: feishuCardView(card.id, card.channelId, now) };
    }
    return answerTo(eventId);
  };

  const type = async (who: string, typed: string, chatId = FEISHU_GENERAL): Promise<Answer> => {
    const { eventId, answer } = await fake().say({ userId: who, chatId, text: typed });
    if (answer.code !== 200) throw new Error(`the message's handler failed (code ${answer.code})`);
    return answerTo(eventId);
  };

  const clickWith = async (who: string, card: CardView, actionId: string, value: string): Promise<Answer> => {
    const versions = fake().messages.get(card.id)?.versions.length ?? 0;
    const { eventId, answer } = await fake().click({
      userId: who,
      messageId: card.id,
      value: { a: actionId, v: value },
    });
    return clickAnswer(eventId, answer, card, versions);
  };

  const view = (m: FakeMessage) => feishuCardView(m.message_id, m.chat_id, FakeFeishu.cardOf(m));
  const lineOf = (m: FakeMessage) => view(m).text;
  /** The outbox's messages (its uuids are its own ids), not answers to someone's event. */
  const unasked = (m: FakeMessage) => !/^z\d+-/.test(m.uuid ?? '');

  return {
    platform: 'feishu',
    admin: ADMIN_FEISHU,
    user: (n) => `ou_user${String(n).padStart(25, '0')}`,
    key: (id) => `feishu:${id}`,
    // FakeFeishu turns it into a mention (`@_user_N` in the text, the person in `mentions`).
    mention: (id) => `<at:${id}>`,
    longArgument: 10_000,
    refusesStaleClicks: false,
    bind: async (kind) => {
      await type(ADMIN_FEISHU, `/ops channel set ${kind}`, FEISHU_CHANNELS[kind]);
    },
    ops: (who, text) => type(who, `/ops ${text}`),
    opsIn: (kind, who, text) => type(who, `/ops ${text}`, FEISHU_CHANNELS[kind]),
    type: (who, typed) => type(who, typed),
    click: (who, card, actionId, id) => clickWith(who, card, actionId, buttonOn(card, actionId, id).value),
    forge: (who, card, actionId, value) => clickWith(who, card, actionId, value),
    submit: async (who, form, values) => {
      const { messageId, inputs, submit } = form.source as { messageId: string; inputs: Json[]; submit: Json };
      const unknown = Object.keys(values).filter((id) => !inputs.some((i) => i.name === id));
      if (unknown.length) throw new Error(`the form ${form.id} has no input ${unknown.join(', ')}`);
      const formValue: Json = {};
      for (const input of inputs) {
        const name = String(input.name);
        if (input.tag === 'select_static') {
          const chosen = values[name] ?? (input.initial_option as string | undefined);
          const options = (input.options as Array<{ value: string }> | undefined) ?? [];
          if (chosen !== undefined && !options.some((o) => o.value === chosen)) {
            throw new Error(`Feishu offers no choice ${chosen} for ${name}`);
          }
          if (chosen === undefined && input.required) throw new Error(`Feishu would not send the form without ${name}`);
          if (chosen !== undefined) formValue[name] = chosen;
        } else {
          const typed = values[name] ?? (input.default_value as string | undefined) ?? '';
          if (!typed && input.required) throw new Error(`Feishu would not send the form without ${name}`);
          if (typed.length > Number(input.max_length ?? 1000))
            throw new Error(`Feishu takes at most ${String(input.max_length)} characters in ${name}`);
          formValue[name] = typed;
        }
      }
      const { eventId, answer } = await fake().click({ userId: who, messageId, value: submit, formValue });
      const said = await clickAnswer(eventId, answer);
      // The answer takes the form's place in the person's chat with the bot: private either way.
      return { ...said, private: true, card: undefined };
    },
    cards: async (kind) =>
      fake()
        .messages.posts(FEISHU_CHANNELS[kind])
        .filter((m) => FakeFeishu.cardOf(m).header !== undefined)
        .map(view),
    direct: async (who) =>
      fake()
        .messages.direct(who)
        .filter((m) => unasked(m) && FakeFeishu.cardOf(m).header !== undefined)
        .map(view),
    thread: async (card) => fake().messages.thread(card.id).map(lineOf),
    toldText: async (who) => fake().messages.direct(who).filter(unasked).map(lineOf),
    files: async (where) => {
      const messages =
        typeof where === 'string'
          ? fake().messages.posts(FEISHU_CHANNELS[where])
          : fake().messages.direct(where.direct);
      return messages.flatMap((m) => {
        const files: SentFile[] = [];
        // An image is shown in the card, its file's name at the end of its alt text (Feishu keeps no name).
        walk(elementsOf(FakeFeishu.cardOf(m)), (e) => {
          const alt = (e.alt as { content?: string } | undefined)?.content ?? '';
          const stored = e.tag === 'img' ? fake().files.get(String(e.img_key)) : undefined;
          if (stored) files.push({ name: /\(([^()]*)\)$/.exec(alt)?.[1] ?? '', bytes: stored.bytes });
        });
        const file = m.file ? fake().files.get(m.file) : undefined;
        if (file) files.push({ name: file.name, bytes: file.bytes });
        return files;
      });
    },
  };
}
