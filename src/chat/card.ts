// The neutral message model: what Zhiban says, before any platform's JSON or HTML.
// Every string in it is already translated; adapters only convert shape.

/** Colour of the card's edge, from the domain's point of view. */
export type Tone = 'critical' | 'major' | 'minor' | 'info' | 'success' | 'neutral';

export interface CardField {
  label: string;
  value: string;
  /** Short fields sit side by side where the platform allows it. */
  short?: boolean;
}

export interface CardButton {
  actionId: string;
  /** The id of the thing acted on; state is read from the database when clicked. */
  value: string;
  label: string;
  style?: 'primary' | 'danger';
}

/**
 * A link under a card's text: an http(s) URL, or a path on the web console's own origin (such as a
 * download of `/api/…`), which only the console's page can follow with its session.
 */
export interface CardLink {
  label: string;
  url: string;
}

export interface Card {
  title: string;
  text?: string;
  tone?: Tone;
  fields?: CardField[];
  buttons?: CardButton[];
  /** Opened (or downloaded) by the reader's browser; nothing is sent to Zhiban when it is followed. */
  link?: CardLink;
  /** Small print under the card: ids, times, who did what last. */
  footer?: string;
}

/**
 * A file sent with a message: a chart (PNG) shown as an image, or a workbook to download. The bytes
 * travel inside the stored message (base64), so what the outbox sends is exactly what was stored.
 */
export interface Attachment {
  /** The file's name as the reader sees it: `daily-2026-12-01.png`. */
  name: string;
  /** `image/png` is shown as an image; anything else is offered as a download. */
  contentType: string;
  /** What the file shows, in words (an image's alt text, a file's title). */
  title: string;
  /** The bytes, base64 (empty where `url` says where to fetch them: the console's page). */
  data: string;
  /** Set only in what the web console's page is sent: where the console serves the bytes. */
  url?: string;
}

export interface Message {
  /** Plain-text fallback: notifications, screen readers, platforms without cards. */
  text: string;
  /** With cards: a line shown above them (the cards alone are shown when it is absent). */
  lead?: string;
  cards?: Card[];
  /** People to notify (`slack:U123`, `discord:456`); each adapter mentions those of its own platform. */
  mentions?: string[];
  /**
   * The answer says nothing was done: a refusal or a failure (src/chat/error-message.ts). The web
   * console then keeps what the person typed, to fix and send again; other platforms ignore it.
   */
  refusal?: boolean;
  /**
   * The same message in the other languages of locales/ (`en` when it is in `zh-CN`), keyed by
   * locale. Only the web console's messages carry them: each viewer reads the message in their own
   * language there, while a Slack or Discord channel gets one message in the channel's language.
   */
  translations?: Record<string, Message>;
  /**
   * Files posted with the message (charts, a workbook). Sent with a post; an edit changes the text
   * only. A reply (ephemeral on Slack) cannot carry files: say them through the outbox instead.
   */
  attachments?: Attachment[];
}

/** `message` as a reader of `locale` should see it: its translation when it has one, else itself. */
export function inLanguage(message: Message, locale: string): Message {
  const translated = message.translations?.[locale];
  return translated && typeof translated === 'object' ? translated : message;
}

/** The platform ids of the people to mention on `platform`. */
export function mentionIds(message: Message, platform: string): string[] {
  const prefix = `${platform}:`;
  return (message.mentions ?? []).filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
}

export const MAX_BUTTONS_PER_CARD = 5;

/** The same message with every piece of text a person reads passed through `write` (an adapter's encoding). */
export function mapMessageText(message: Message, encode: (text: string) => string): Message {
  // Stored messages come back from the database: a piece that is not text is left as it is.
  const write = (text: string) => (typeof text === 'string' ? encode(text) : text);
  const translations = message.translations;
  return {
    ...message,
    ...(translations && typeof translations === 'object'
      ? {
          translations: Object.fromEntries(
            Object.entries(translations).map(([locale, other]) => [locale, mapMessageText(other, encode)]),
          ),
        }
      : {}),
    text: write(message.text),
    ...(message.lead !== undefined ? { lead: write(message.lead) } : {}),
    ...(message.cards
      ? {
          cards: message.cards.map((card) => ({
            ...card,
            title: write(card.title),
            ...(card.text !== undefined ? { text: write(card.text) } : {}),
            ...(card.footer !== undefined ? { footer: write(card.footer) } : {}),
            ...(card.fields
              ? { fields: card.fields.map((f) => ({ ...f, label: write(f.label), value: write(f.value) })) }
              : {}),
            ...(card.buttons ? { buttons: card.buttons.map((b) => ({ ...b, label: write(b.label) })) } : {}),
            ...(card.link ? { link: { ...card.link, label: write(card.link.label) } } : {}),
          })),
        }
      : {}),
  };
}
