// The JSON the console's page and Zhiban exchange under /api: one definition, read by both sides.
import type { Message } from '../card.js';
import type { Form } from '../form.js';

/** `password`: people sign in with a password; `trial`: anyone enters by name (loopback only). */
export type ConsoleMode = 'password' | 'trial';

export interface PageStrings {
  locale: string;
  mode: ConsoleMode;
  /** The `web` section of locales/, flattened: `signin.title` → text. */
  strings: Record<string, string>;
}

export interface Me {
  /** `web:alice` */
  key: string;
  name: string;
  roles: string[];
  admin: boolean;
  locale: string;
  mode: ConsoleMode;
  /** The team's TIMEZONE: times on the page read as they do on the cards. */
  timezone: string;
  /** Sent back in `X-CSRF-Token` with every request that changes something. */
  csrf: string;
  /** How long a private message stays in a channel's view before it fades (it stays in direct messages). */
  privateFadeMs: number;
}

export interface ChannelView {
  id: string;
  label: string;
  /** The direct-messages channel between this person and Zhiban. */
  direct: boolean;
}

export interface WebMessageView {
  id: string;
  channelId: string;
  /** The id of the card this message answers. */
  thread?: string;
  /** Only the reader sees it. */
  private?: boolean;
  /** What the reader typed (echoed back to them), rather than what Zhiban said. */
  author?: string;
  /** In the reader's direct messages: the channel this private message was first shown in. */
  origin?: string;
  message: Message;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface HistoryPage {
  messages: WebMessageView[];
  /** Older cards exist: ask again with `before` = the oldest card's id. */
  more: boolean;
}

export interface CommandView {
  name: string;
  description: string;
  available: boolean;
  subcommands: Array<{ name: string; description: string }>;
}

/** What a command, click or form submission answers: a form to open, if the handler asked for one. */
export interface InteractionResult {
  form?: Form;
  /**
   * A typed command was refused (or failed): what Zhiban said, to show by the command box, which
   * keeps what was typed. The echo and this answer are kept in the person's direct messages only.
   */
  refused?: { text: string };
}

/** Something on its way to a channel that still shows nothing of it (GET /api/pending). */
export interface PendingView {
  /** Messages stored for this channel and not yet shown in it (the outbox's queue). */
  queued: number;
  /** Alert groups waiting out their group wait (ALERT_GROUP_WAIT) before their first card here. */
  alertGroups: number;
  /** When the first of those cards is due, ISO 8601. */
  dueAt?: string;
}

/** GET /api/pending: by channel id, only the channels with something pending. */
export interface PendingPage {
  pending: Record<string, PendingView>;
}

export interface WebUserView {
  name: string;
  roles: string[];
  createdBy: string;
  createdAt: string;
  passwordSetAt: string;
}

/** Every refusal under /api: the code is also the page's locales key `web.errors.<code>`. */
export interface ApiError {
  error: string;
  details: unknown;
}

export const CSRF_HEADER = 'X-CSRF-Token';
