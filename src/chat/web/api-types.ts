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
