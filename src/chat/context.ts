// What a handler receives: who, where, in which language, with which roles, and how to answer.
import type { AuthTarget } from '../access/authorization.js';
import type { Action } from '../access/permissions.js';
import type { Locale, Translate } from '../kernel/i18n.js';
import type { Actor, ConversationRef } from './actor.js';
import type { Wording } from './wording.js';
import type { Message } from './card.js';
import type { Form } from './form.js';

/** How an adapter answers the event it delivered. */
export interface Replier {
  /** Visible to everyone in the conversation. */
  reply(message: Message): Promise<void>;
  /** Visible only to the person who acted (Slack ephemeral, Discord ephemeral). */
  replyPrivate(message: Message): Promise<void>;
  openForm(form: Form): Promise<void>;
}

export interface Inbound {
  actor: Actor;
  conversation: ConversationRef;
  /** The locale the platform reports for this person, if any. */
  platformLocale?: string | undefined;
  /** The platform's id of this very request; a retry carries the same one. */
  requestId?: string | undefined;
  replier: Replier;
}

export interface CommandInbound extends Inbound {
  /** Without the slash: `ops`, `incident`. */
  command: string;
  text: string;
}

export interface ActionInbound extends Inbound {
  actionId: string;
  value: string;
  /** Replaces the card that was clicked. */
  update(message: Message): Promise<void>;
}

export interface FormInbound extends Inbound {
  formId: string;
  values: Record<string, string>;
  privateValue?: string | undefined;
}

export type LocaleSource = 'stored' | 'platform' | 'default';

export interface BaseContext extends Replier {
  actor: Actor;
  /** `platform:id`, how the rest of Zhiban names this person. */
  actorKey: string;
  conversation: ConversationRef;
  requestId?: string | undefined;
  locale: Locale;
  localeSource: LocaleSource;
  t: Translate;
  roles: ReadonlySet<string>;
  /**
   * The one permission check (src/access/authorization.ts): resolves when this person may do
   * `action` (to `target`, judged by its category and assignee); otherwise records the refusal in
   * the audit trail and throws a UserError naming the roles needed.
   */
  authorize(action: Action, target?: AuthTarget): Promise<void>;
}

export interface CommandContext extends BaseContext {
  kind: 'command';
  command: string;
  text: string;
  args: string[];
}

export interface ActionContext extends BaseContext {
  kind: 'action';
  actionId: string;
  value: string;
  /**
   * Replaces the clicked card. It belongs to the channel, not to the clicker: wording is put into
   * the channel's language (every language on the web console), a Message is shown as it is.
   */
  update(wording: Wording): Promise<void>;
}

export interface FormContext extends BaseContext {
  kind: 'form';
  formId: string;
  values: Record<string, string>;
  privateValue?: string | undefined;
}

export type AnyContext = CommandContext | ActionContext | FormContext;
