// Routes neutral events to handlers through a middleware chain, and turns failures into replies.
import { randomUUID } from 'node:crypto';
import { closest, distance } from 'fastest-levenshtein';
import type { Logger } from 'pino';
import type { Authorize, AuthTarget } from '../access/authorization.js';
import type { Action } from '../access/permissions.js';
import type { DatabaseAvailability } from '../db/health.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { countRoundTrips } from '../observability/round-trips.js';
import { inTime, type Deadlines, type Turn } from './in-time.js';
import { matchLocale, type Locale, type Translate } from '../kernel/i18n.js';
import { actorKey, type Actor } from './actor.js';
import { tokenize } from './args.js';
import type { ChannelSpeech } from './wording.js';
import type { Message } from './card.js';
import type { CommandCatalog } from './commands.js';
import type { Subcommand } from './subcommands.js';
import type {
  ActionContext,
  ActionInbound,
  AnyContext,
  CommandContext,
  CommandInbound,
  FormContext,
  FormInbound,
  Inbound,
  LocaleSource,
} from './context.js';
import { truncate } from './text.js';
import { UserError } from './user-error.js';

export type Handler<C extends AnyContext> = (ctx: C) => Promise<void>;
export type Outcome = 'ok' | 'user_error' | 'error' | 'unavailable';
export type Middleware = (ctx: AnyContext, next: () => Promise<void>) => Promise<void>;

export interface ActorProfile {
  locale: Locale | undefined;
  roles: string[];
}

export interface RouterDeps {
  logger: Logger;
  loadProfile(actor: Actor): Promise<ActorProfile>;
  defaultLocale: Locale;
  translate(locale: Locale): Translate;
  userErrorMessage(t: Translate, error: UserError): Message;
  internalErrorMessage(t: Translate, reference: string): Message;
  observe?(kind: AnyContext['kind'], name: string, outcome: Outcome): void;
  /** Told how many database commands one handled command, click or form sent (src/observability/round-trips.ts). */
  observeRoundTrips?(kind: AnyContext['kind'], name: string, roundTrips: number): void;
  /**
   * Whether the database answers. With it, a person gets "temporarily unavailable, try again"
   * within 2 s while the database is stalled, rather than no answer at all; without it (unit
   * tests), handlers simply run.
   */
  database?: DatabaseAvailability;
  /** Overrides ANSWER_WITHIN_MS and PROBE_MS of src/chat/in-time.ts (tests). */
  deadlines?: Deadlines;
  /** The permission check every context carries as `ctx.authorize` (src/access/authorization.ts). */
  authorize: Authorize;
  /** Every command with its subcommands, as the domain modules declare them. */
  catalog: CommandCatalog;
  /** Puts a clicked card's new wording into its channel's language; without it, the team's. */
  speech?: Pick<ChannelSpeech, 'render'>;
}

export class Router {
  private readonly middleware: Middleware[] = [];
  private readonly commands = new Map<string, Handler<CommandContext>>();
  private readonly actions = new Map<string, Handler<ActionContext>>();
  private readonly forms = new Map<string, Handler<FormContext>>();
  private readonly placeholders = new Set<string>();
  private readonly added = new Map<string, Record<string, Subcommand>>();

  constructor(private readonly deps: RouterDeps) {}

  /** Every command people can type (built or planned), for help, completion and platform registration. */
  get catalog(): CommandCatalog {
    return this.deps.catalog;
  }

  use(middleware: Middleware): this {
    this.middleware.push(middleware);
    return this;
  }

  /** A `placeholder` command answers that its area is coming; help lists it as not yet available. */
  command(name: string, handler: Handler<CommandContext>, options: { placeholder?: boolean } = {}): this {
    this.commands.set(name, handler);
    if (options.placeholder) this.placeholders.add(name);
    else this.placeholders.delete(name);
    return this;
  }

  /**
   * Adds subcommand `sub` to another domain's command `name` (`/ops report`, which the reports domain
   * owns while `/ops` is the ops domain's). The command's own dispatch offers what was added
   * (`addedSubcommands`); its own subcommands of the same name win.
   */
  subcommand(name: string, sub: string, handler: Subcommand): this {
    this.added.set(name, { ...this.added.get(name), [sub]: handler });
    return this;
  }

  /** The subcommands other domains added to `name`. */
  addedSubcommands(name: string): Record<string, Subcommand> {
    return { ...this.added.get(name) };
  }

  /** `incident.ack`, or a family `incident.*`. */
  action(actionId: string, handler: Handler<ActionContext>): this {
    this.actions.set(actionId, handler);
    return this;
  }

  form(formId: string, handler: Handler<FormContext>): this {
    this.forms.set(formId, handler);
    return this;
  }

  isAvailable(name: string): boolean {
    return this.commands.has(name) && !this.placeholders.has(name);
  }

  /** Whether a form with this id would reach a handler (an adapter may refuse the others at its door). */
  hasForm(formId: string): boolean {
    return this.forms.has(formId);
  }

  async handleCommand(inbound: CommandInbound): Promise<void> {
    await this.inTime(inbound, 'command', inbound.command, (turn) => this.routeCommand(inbound, turn));
  }

  async handleAction(inbound: ActionInbound): Promise<void> {
    await this.inTime(inbound, 'action', inbound.actionId, (turn) => this.routeAction(inbound, turn));
  }

  async handleForm(inbound: FormInbound): Promise<void> {
    await this.inTime(inbound, 'form', inbound.formId, (turn) => this.routeForm(inbound, turn));
  }

  private async routeCommand(inbound: CommandInbound, turn: Turn): Promise<void> {
    const { profileError, ...base } = await this.baseContext(inbound);
    const ctx: CommandContext = {
      ...base,
      authorize: (action, target) => this.check(ctx, action, target),
      kind: 'command',
      command: inbound.command,
      text: inbound.text,
      args: tokenize(inbound.text),
    };
    const handler = this.commands.get(inbound.command);
    await this.run(ctx, inbound.command, profileError, turn, async () => {
      if (!handler) throw this.unknownCommand(inbound.command);
      await handler(ctx);
    });
  }

  private async routeAction(inbound: ActionInbound, turn: Turn): Promise<void> {
    const { profileError, ...base } = await this.baseContext(inbound);
    const ctx: ActionContext = {
      ...base,
      authorize: (action, target) => this.check(ctx, action, target),
      kind: 'action',
      actionId: inbound.actionId,
      value: inbound.value,
      update: async (wording) => {
        const { platform, channelId } = inbound.conversation;
        const message = this.deps.speech
          ? await this.deps.speech.render(wording, platform, channelId)
          : typeof wording === 'function'
            ? wording(this.deps.translate(this.deps.defaultLocale))
            : wording;
        await inbound.update(message);
      },
    };
    const family = `${inbound.actionId.split('.')[0]}.*`;
    const handler = this.actions.get(inbound.actionId) ?? this.actions.get(family);
    await this.run(ctx, inbound.actionId, profileError, turn, async () => {
      if (!handler) throw new UserError('errors.unknown_action');
      await handler(ctx);
    });
  }

  private async routeForm(inbound: FormInbound, turn: Turn): Promise<void> {
    const { profileError, ...base } = await this.baseContext(inbound);
    const ctx: FormContext = {
      ...base,
      authorize: (action, target) => this.check(ctx, action, target),
      kind: 'form',
      formId: inbound.formId,
      values: inbound.values,
      privateValue: inbound.privateValue,
    };
    const handler = this.forms.get(inbound.formId);
    await this.run(ctx, inbound.formId, profileError, turn, async () => {
      if (!handler) throw new UserError('errors.unknown_action');
      await handler(ctx);
    });
  }

  /** `/incdent` → "unknown command; did you mean /incident?", with that command's correct form. */
  private unknownCommand(typed: string): UserError {
    const command = truncate(typed, 40);
    const names = this.deps.catalog.map((c) => c.name);
    const nearest = names.length > 0 ? closest(typed.toLowerCase(), names) : undefined;
    const near = nearest !== undefined && distance(typed.toLowerCase(), nearest) <= Math.max(2, nearest.length / 3);
    if (!near) return new UserError('errors.unknown_command', { command }, 'ops');
    const usage = this.isAvailable(nearest) ? nearest : undefined;
    return new UserError('errors.unknown_command', { command, suggestion: nearest, context: 'suggest' }, usage);
  }

  private check(ctx: AnyContext, action: Action, target?: AuthTarget): Promise<void> {
    return this.deps.authorize(ctx, action, target);
  }

  private async baseContext(inbound: Inbound) {
    // A profile that cannot be read (database down) must still get the person an answer.
    let profileError: unknown;
    const profile = await this.deps.loadProfile(inbound.actor).catch((error: unknown): ActorProfile => {
      profileError = error;
      return { locale: undefined, roles: [] };
    });
    // The reader's language: their own choice, else what their platform says, else the team's default.
    const fromPlatform = matchLocale(inbound.platformLocale);
    const locale = profile.locale ?? fromPlatform ?? this.deps.defaultLocale;
    const localeSource: LocaleSource = profile.locale ? 'stored' : fromPlatform ? 'platform' : 'default';
    return {
      actor: inbound.actor,
      actorKey: actorKey(inbound.actor),
      conversation: inbound.conversation,
      requestId: inbound.requestId,
      locale,
      localeSource,
      t: this.deps.translate(locale),
      roles: new Set(profile.roles),
      reply: (m: Message) => inbound.replier.reply(m),
      replyPrivate: (m: Message) => inbound.replier.replyPrivate(m),
      openForm: (f: Parameters<Inbound['replier']['openForm']>[0]) => inbound.replier.openForm(f),
      profileError,
    };
  }

  /** Runs `work` within the answer deadlines of src/chat/in-time.ts, counting its database round trips. */
  private inTime(inbound: Inbound, kind: AnyContext['kind'], name: string, work: (turn: Turn) => Promise<void>) {
    return countRoundTrips(
      () => this.answerInTime(inbound, kind, name, work),
      (roundTrips) => this.deps.observeRoundTrips?.(kind, name, roundTrips),
    );
  }

  private answerInTime(inbound: Inbound, kind: AnyContext['kind'], name: string, work: (turn: Turn) => Promise<void>) {
    return inTime(
      {
        database: this.deps.database,
        deadlines: this.deps.deadlines,
        sayUnavailable: (turn) => this.sayUnavailable(inbound, kind, name, turn),
      },
      work,
    );
  }

  private async sayUnavailable(inbound: Inbound, kind: AnyContext['kind'], name: string, turn: Turn): Promise<void> {
    turn.saidUnavailable = true;
    this.deps.observe?.(kind, name, 'unavailable');
    // The person's stored language cannot be read now: their platform's, else the team's.
    const t = this.deps.translate(matchLocale(inbound.platformLocale) ?? this.deps.defaultLocale);
    try {
      await inbound.replier.replyPrivate(this.deps.userErrorMessage(t, new UserError('errors.database_unavailable')));
    } catch (error) {
      this.deps.logger.warn(
        { err: error, actor: actorKey(inbound.actor) },
        'could not say the database is unavailable',
      );
    }
  }

  private async run(
    ctx: AnyContext,
    name: string,
    profileError: unknown,
    turn: Turn,
    handler: () => Promise<void>,
  ): Promise<void> {
    let index = 0;
    const chain = [...this.middleware];
    const next = async (): Promise<void> => {
      const mw = chain[index++];
      if (mw) await mw(ctx, next);
      else await handler();
    };
    try {
      if (profileError) throw profileError;
      await next();
      this.deps.observe?.(ctx.kind, name, 'ok');
    } catch (error) {
      await this.fail(ctx, name, error, turn);
    }
  }

  private async fail(ctx: AnyContext, name: string, error: unknown, turn: Turn): Promise<void> {
    if (turn.saidUnavailable) {
      this.deps.logger.warn(
        { err: error, kind: ctx.kind, name, actor: ctx.actorKey },
        'handler failed after "unavailable" was said',
      );
      return;
    }
    if (isDatabaseUnavailable(error)) {
      this.deps.observe?.(ctx.kind, name, 'unavailable');
      this.deps.logger.warn({ err: error, kind: ctx.kind, name, actor: ctx.actorKey }, 'database unavailable');
      await this.safeReply(ctx, this.deps.userErrorMessage(ctx.t, new UserError('errors.database_unavailable')));
      return;
    }
    if (error instanceof UserError) {
      this.deps.observe?.(ctx.kind, name, 'user_error');
      await this.safeReply(ctx, this.deps.userErrorMessage(ctx.t, error));
      return;
    }
    const reference = randomUUID().slice(0, 8);
    this.deps.observe?.(ctx.kind, name, 'error');
    this.deps.logger.error({ err: error, reference, kind: ctx.kind, name, actor: ctx.actorKey }, 'handler failed');
    await this.safeReply(ctx, this.deps.internalErrorMessage(ctx.t, reference));
  }

  private async safeReply(ctx: AnyContext, message: Message): Promise<void> {
    try {
      await ctx.replyPrivate(message);
    } catch (error) {
      this.deps.logger.warn({ err: error, actor: ctx.actorKey }, 'could not deliver an error reply');
    }
  }
}
