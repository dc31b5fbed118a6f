// Message → Feishu interactive card (card JSON 2.0). A Feishu message holds one card, so a message of
// several neutral cards becomes one card: the first card's title in its header, the others below a
// rule. Everything people typed goes in as plain_text, never markdown, so nothing they wrote becomes
// live markup; only Zhiban's own mentions (`<at id=…>`) go in a markdown element.
import { mentionIds, type Card, type CardButton, type Message, type Tone } from '../card.js';
import { plainText, readable, render } from '../neutral-text.js';
import { truncate } from '../text.js';

/** Feishu refuses a card over 30 KB (its JSON, UTF-8); this leaves room for the request around it. */
export const MAX_CARD_BYTES = 28_000;
/** What each piece of text may take before the card's own size is checked (UTF-16 units, whole characters). */
const LIMITS = { title: 200, lead: 2000, text: 4000, label: 100, value: 1000, footer: 500, button: 40 } as const;
const OPEN_ID = /^ou_[A-Za-z0-9]{8,64}$/;

/** The header colours of Feishu's card templates. */
const TEMPLATES: Record<Tone, string> = {
  critical: 'red',
  major: 'orange',
  minor: 'yellow',
  info: 'blue',
  success: 'green',
  neutral: 'grey',
};

/** What a button (or a form's submit button) carries back in `card.action.trigger`'s `action.value`. */
export type ButtonValue = { a: string; v: string } | { f: string; p?: string; c: string };

export type FeishuElement = Record<string, unknown>;

export interface FeishuCard {
  schema: '2.0';
  /** update_multi: one card for everyone in the chat, so an update shows to all of them. */
  config: { update_multi: true; width_mode: 'fill' };
  header?: { title: { tag: 'plain_text'; content: string }; template: string };
  body: { elements: FeishuElement[] };
}

/** Images already uploaded for this message, by attachment name: their `image_key`s. */
export type ImageKeys = ReadonlyMap<string, string>;

/**
 * The card for `message`, within MAX_CARD_BYTES: when it is over, the longest texts are cut
 * shorter (on whole characters, marked `…`) until it fits. Throws if even the shortest does not fit
 * (a bug: no Zhiban message is that large without its texts).
 */
export function toFeishuCard(message: Message, images: ImageKeys = new Map()): FeishuCard {
  for (const scale of [1, 0.5, 0.25, 0.1, 0.03]) {
    const card = buildCard(message, images, scale);
    if (cardBytes(card) <= MAX_CARD_BYTES) return card;
  }
  throw new Error('a Feishu card over 30 KB even with its texts cut short');
}

/** The size Feishu counts: the card's JSON in UTF-8. */
export function cardBytes(card: FeishuCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** Neutral text as Feishu plain text: entities as readable words (`@name`, `label (url)`). */
export function feishuPlain(text: string): string {
  return render(text, (plain) => plain, readable);
}

function buildCard(message: Message, images: ImageKeys, scale: number): FeishuCard {
  const cut = (text: string, limit: number) => truncate(feishuPlain(text), Math.max(20, Math.floor(limit * scale)));
  const cards = message.cards ?? [];
  const elements: FeishuElement[] = [];
  const people = mentionIds(message, 'feishu').filter((id) => OPEN_ID.test(id));
  if (people.length) elements.push({ tag: 'markdown', content: people.map((id) => `<at id=${id}></at>`).join(' ') });
  if (cards.length === 0) {
    elements.push(plainDiv(cut(message.text, LIMITS.text)));
  } else if (message.lead) {
    elements.push(plainDiv(cut(message.lead, LIMITS.lead)));
  }
  cards.forEach((card, index) => {
    if (index > 0) {
      elements.push({ tag: 'hr' });
      elements.push(plainDiv(cut(card.title, LIMITS.title), { text_size: 'heading' }));
    }
    elements.push(...cardElements(card, cut));
  });
  for (const file of message.attachments ?? []) {
    const key = images.get(file.name);
    // Feishu keeps no name for an image: the alt text says what it shows, and its file's name.
    const alt = `${truncate(file.title, 100)} (${truncate(file.name, 100)})`;
    if (key) elements.push({ tag: 'img', img_key: key, alt: { tag: 'plain_text', content: alt } });
  }
  const first = cards[0];
  return {
    schema: '2.0',
    config: { update_multi: true, width_mode: 'fill' },
    ...(first
      ? {
          header: {
            title: { tag: 'plain_text' as const, content: cut(first.title, LIMITS.title) },
            template: TEMPLATES[first.tone ?? 'neutral'],
          },
        }
      : {}),
    body: { elements },
  };
}

function cardElements(card: Card, cut: (text: string, limit: number) => string): FeishuElement[] {
  const out: FeishuElement[] = [];
  const link = card.link ? readable({ kind: 'link', target: card.link.url, label: plainText(card.link.label) }) : '';
  const text = [card.text ? cut(card.text, LIMITS.text) : '', link].filter(Boolean).join('\n');
  if (text) out.push(plainDiv(text));
  for (const field of card.fields ?? []) {
    out.push(plainDiv(`${cut(field.label, LIMITS.label)}: ${cut(field.value, LIMITS.value) || '—'}`));
  }
  if (card.buttons?.length) out.push(buttonRow(card.buttons));
  if (card.footer) out.push(plainDiv(cut(card.footer, LIMITS.footer), { text_size: 'notation', text_color: 'grey' }));
  return out;
}

function plainDiv(content: string, style: Record<string, string> = {}): FeishuElement {
  return { tag: 'div', text: { tag: 'plain_text', content, ...style } };
}

/** Buttons side by side, wrapping on a narrow screen. */
function buttonRow(buttons: CardButton[]): FeishuElement {
  return {
    tag: 'column_set',
    flex_mode: 'flow',
    columns: buttons.map((button) => ({
      tag: 'column',
      width: 'auto',
      elements: [
        {
          tag: 'button',
          text: { tag: 'plain_text', content: truncate(plainText(button.label), LIMITS.button) },
          type: button.style ?? 'default',
          behaviors: [{ type: 'callback', value: { a: button.actionId, v: button.value } satisfies ButtonValue }],
        },
      ],
    })),
  };
}

/**
 * What a click carried (`action.value`), read defensively: anything else (an old card's shape, a
 * forged request) is undefined, and the click is refused as an unknown action.
 */
export function parseButtonValue(raw: unknown): ButtonValue | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value = raw as Record<string, unknown>;
  if (typeof value.a === 'string' && typeof value.v === 'string') return { a: value.a, v: value.v };
  if (typeof value.f === 'string' && typeof value.c === 'string') {
    return { f: value.f, c: value.c, ...(typeof value.p === 'string' ? { p: value.p } : {}) };
  }
  return undefined;
}
