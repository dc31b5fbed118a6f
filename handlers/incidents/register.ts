// `/incident` and the incident buttons and forms: parse, check the role, call the service, reply.
import type { Wording } from '../../src/chat/wording.js';
import { readCardValue } from '../../src/chat/card-value.js';
import type { ActionContext, BaseContext, CommandContext } from '../../src/chat/context.js';
import type { Router } from '../../src/chat/router.js';
import { dispatchSubcommand } from '../../src/chat/subcommands.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { Incident } from '../../models/incidents/incident.js';
import { incidentMessage } from '../../src/domains/incidents/cards/incident.js';
import { incidentListMessage, incidentShowMessage } from '../../src/domains/incidents/cards/timeline.js';
import { incidentStats } from '../../src/domains/incidents/rules/stats.js';
import type { IncidentService } from '../../src/domains/incidents/rules/incident-service.js';
import type { IncidentModel } from '../../models/incidents/incident.js';
import { declareForm, resolveForm, summaryForm } from './forms.js';
import { parseDeclare, parseDeclareForm, requireId, requireText } from './input.js';

export type IncidentAction = 'ack' | 'assign' | 'advance' | 'resolve' | 'update' | 'summary' | 'escalate' | 'view';

export interface IncidentHandlerDeps {
  incidents: IncidentService;
  incidentModel: IncidentModel;
  /** Turns what was typed as a person (`<@U123>`, `slack:U123`) into a `platform:id`. */
  resolveUser(ctx: BaseContext, typed: string): string;
  /** `seen`: the card version the escalate button carried; a stale card escalates nothing. */
  escalate(incident: Incident, by: { key: string; via: string }, seen?: number): Promise<string[]>;
  clock: Clock;
  timezone: string;
}

const THIRTY_DAYS_MS = 30 * 86_400_000;

/** Asks the permission table whether `ctx` may do `action` to `incident` (its category and assignee count). */
function authorize(ctx: BaseContext, action: IncidentAction, incident: Incident): Promise<void> {
  return ctx.authorize(`incident.${action}`, {
    objectType: 'incident',
    objectId: incident.shortId,
    category: incident.category,
    assignee: incident.assignee,
  });
}

export function registerIncident(router: Router, deps: IncidentHandlerDeps): void {
  const { incidents } = deps;
  const who = (ctx: BaseContext) => ({ key: ctx.actorKey, via: ctx.actor.platform });
  /** The clicked card, changed: the channel's, so in the channel's words (ActionContext.update). */
  const card = (incident: Incident): Wording => {
    const now = deps.clock.now();
    return (t) => incidentMessage(t, incident, now, deps.timezone);
  };
  const load = async (ctx: BaseContext, id: string | undefined, action: IncidentAction) => {
    const incident = await incidents.get(requireId(id));
    await authorize(ctx, action, incident);
    return incident;
  };
  const moved = (ctx: BaseContext, incident: Incident) =>
    ctx.replyPrivate({
      text: ctx.t('incident.moved', { id: incident.shortId, state: ctx.t(`incident.state.${incident.state}`) }),
    });

  const declare = async (ctx: CommandContext, words: string[]) => {
    if (words.length === 0) return ctx.openForm(declareForm(ctx.t));
    const { incident, repeated } = await incidents.declare(parseDeclare(words), who(ctx), ctx.requestId);
    // The card is the incidents channel's; the person who typed gets a line, not a second copy.
    await ctx.replyPrivate({
      text: ctx.t(repeated ? 'incident.declared_again' : 'incident.declared', { id: incident.shortId }),
    });
  };

  router.command('incident', (ctx) =>
    dispatchSubcommand(
      ctx,
      ctx.args,
      {
        declare,
        list: async (c, [scope]) => {
          const which = scope === 'all' ? 'all' : 'open';
          const now = deps.clock.now();
          const [list, stats] = await Promise.all([
            incidents.list(which),
            incidentStats(deps.incidentModel, new Date(now.getTime() - THIRTY_DAYS_MS)),
          ]);
          await c.replyPrivate(incidentListMessage(c.t, list, stats, which, now, deps.timezone));
        },
        show: async (c, [id]) => {
          const incident = await load(c, id, 'view');
          await c.replyPrivate(incidentShowMessage(c.t, incident, deps.clock.now(), deps.timezone));
        },
        update: async (c, [id, ...text]) => {
          const incident = await load(c, id, 'update');
          await incidents.addUpdate(incident, requireText(text.join(' ')), who(c));
          await c.replyPrivate({ text: c.t('incident.updated', { id: incident.shortId }) });
        },
        assign: async (c, [id, user]) => {
          const incident = await load(c, id, 'assign');
          const assignee = deps.resolveUser(c, requireText(user));
          await incidents.assign(incident, assignee, who(c));
          await c.replyPrivate({ text: c.t('incident.assigned', { id: incident.shortId, assignee }) });
        },
        resolve: async (c, [id, ...fix]) => {
          const incident = await load(c, id, 'resolve');
          if (fix.length === 0) return c.openForm(resolveForm(c.t, incident.shortId));
          await moved(c, await incidents.resolve(incident, requireText(fix.join(' ')), who(c)));
        },
        summary: async (c, [id, ...typed]) => {
          const incident = await load(c, id, 'summary');
          if (typed.length === 0) return c.openForm(summaryForm(c.t, incident.shortId, incident.resolution));
          const [cause, fix, lesson] = typed
            .join(' ')
            .split('|')
            .map((part) => part.trim());
          const summary = { cause: requireText(cause), fix: requireText(fix), lesson: requireText(lesson) };
          await moved(c, await incidents.summarize(incident, summary, who(c)));
        },
      },
      { name: 'incident', usage: 'incident', whenEmpty: (c) => c.openForm(declareForm(c.t)) },
    ),
  );

  /**
   * A click acts on the card the person saw: the button carries the card's version and the
   * service's update is conditional on it; a stale card is refused with who changed it and what
   * it shows now (the card itself is kept current in the channel by the outbox).
   */
  const click =
    (handle: (ctx: ActionContext, incident: Incident, seen: number | undefined) => Promise<void>) =>
    async (ctx: ActionContext) => {
      const { id, version } = readCardValue(ctx.value);
      await handle(ctx, await incidents.get(requireId(id)), version);
    };

  router.action(
    'incident.ack',
    click(async (ctx, incident, seen) => {
      await authorize(ctx, 'ack', incident);
      await ctx.update(card(await incidents.acknowledge(incident, who(ctx), seen)));
    }),
  );
  router.action(
    'incident.assign_me',
    click(async (ctx, incident, seen) => {
      await authorize(ctx, 'assign', incident);
      await ctx.update(card(await incidents.assign(incident, ctx.actorKey, who(ctx), seen)));
    }),
  );
  router.action(
    'incident.advance',
    click(async (ctx, current, seen) => {
      // Advance means "the next thing to do": once verifying that is resolving, once resolved the summary.
      const action = current.state === 'resolved' ? 'summary' : current.state === 'verifying' ? 'resolve' : 'advance';
      await authorize(ctx, action, current);
      await incidents.ensureSeen(current, seen);
      if (action === 'summary') return ctx.openForm(summaryForm(ctx.t, ctx.value, current.resolution));
      if (action === 'resolve') return ctx.openForm(resolveForm(ctx.t, ctx.value));
      await ctx.update(card(await incidents.advance(current, who(ctx), seen)));
    }),
  );
  router.action(
    'incident.resolve',
    click(async (ctx, incident, seen) => {
      await authorize(ctx, 'resolve', incident);
      await incidents.ensureSeen(incident, seen);
      await ctx.openForm(resolveForm(ctx.t, ctx.value));
    }),
  );
  router.action(
    'incident.escalate',
    click(async (ctx, incident, seen) => {
      await authorize(ctx, 'escalate', incident);
      const paged = await deps.escalate(incident, who(ctx), seen);
      const said = paged.length > 0 ? 'incident.escalated' : 'incident.escalated_to_nobody';
      await ctx.replyPrivate({ text: ctx.t(said, { id: incident.shortId, roles: ctx.t('roles.pm') }) });
    }),
  );

  router.form('incident.declare', async (ctx) => {
    const { incident, repeated } = await incidents.declare(parseDeclareForm(ctx.values), who(ctx), ctx.requestId);
    await ctx.replyPrivate({
      text: ctx.t(repeated ? 'incident.declared_again' : 'incident.declared', { id: incident.shortId }),
    });
  });
  router.form('incident.resolve', async (ctx) => {
    const { id, version } = readCardValue(ctx.privateValue ?? '');
    const incident = await load(ctx, id, 'resolve');
    await moved(ctx, await incidents.resolve(incident, requireText(ctx.values.fix), who(ctx), version));
  });
  router.form('incident.summary', async (ctx) => {
    const { id, version } = readCardValue(ctx.privateValue ?? '');
    const incident = await load(ctx, id, 'summary');
    const summary = {
      cause: requireText(ctx.values.cause),
      fix: requireText(ctx.values.fix),
      lesson: requireText(ctx.values.lesson),
    };
    await moved(ctx, await incidents.summarize(incident, summary, who(ctx), version));
  });
}
