// `/alert` and the alert card's buttons and forms: parse, check the role, call the service, reply.
import { readCardValue } from '../../src/chat/card-value.js';
import type { BaseContext, CommandContext } from '../../src/chat/context.js';
import type { Router } from '../../src/chat/router.js';
import { dispatchSubcommand } from '../../src/chat/subcommands.js';
import { UserError } from '../../src/chat/user-error.js';
import type { AlertGroup } from '../../models/alerts/alert-group.js';
import type { Silence } from '../../models/alerts/silence.js';
import { alertGroupMessage } from '../../src/domains/alerts/cards/group.js';
import { alertListMessage } from '../../src/domains/alerts/cards/list.js';
import { formatTime } from '../../src/chat/time.js';
import type { AlertGroupService } from '../../src/domains/alerts/rules/group-service.js';
import { groupMatchers, matcherText } from '../../src/domains/alerts/rules/matchers.js';
import type { AlertSilences, SilenceRequest } from '../../src/domains/alerts/rules/silences.js';
import { silenceGroupForm, silenceMatchersForm } from './forms.js';
import { parseReason, parseSilenceDuration, parseSilenceForm, parseSilenceWords, type SilenceInput } from './input.js';

export type AlertAction = 'view' | 'ack' | 'silence' | 'unsilence' | 'incident';

export interface AlertHandlerDeps {
  groups: AlertGroupService;
  silences: AlertSilences;
  timezone: string;
}

/** Asks the permission table whether `ctx` may do `action` (to the group or silence `objectId`, when there is one). */
function authorize(ctx: BaseContext, action: AlertAction, objectId?: string): Promise<void> {
  const objectType = action === 'unsilence' ? 'silence' : 'alert-group';
  return ctx.authorize(`alert.${action}`, objectId ? { objectType, objectId } : undefined);
}

export function registerAlert(router: Router, deps: AlertHandlerDeps): void {
  const who = (ctx: BaseContext) => ({ key: ctx.actorKey, via: ctx.actor.platform });
  /** The group a button or form names (`ALG-3~2`: its id and the episode its card showed); stale cards are refused. */
  const load = async (ctx: BaseContext, value: string | undefined, action: AlertAction) => {
    const { id, version } = readCardValue(value ?? '');
    if (!id) throw new UserError('alert.errors.missing_id', {}, 'alert');
    const group = await deps.groups.get(id);
    await authorize(ctx, action, group.shortId);
    deps.groups.ensureSeen(group, version);
    return group;
  };

  const silence = async (ctx: BaseContext, request: SilenceRequest, group?: AlertGroup) => {
    const { silence, extended } = await deps.silences.create(request, who(ctx));
    if (group && !extended) await deps.groups.silenced(group, silence, who(ctx));
    await ctx.replyPrivate({ text: ctx.t(extended ? 'alert.silence_extended' : 'alert.silenced', said(silence)) });
  };
  const said = (s: Silence) => ({
    id: s._id,
    matchers: s.matchers.map(matcherText).join(', '),
    until: formatTime(s.endsAt, deps.timezone),
  });
  const typedSilence = async (ctx: BaseContext, input: SilenceInput) => {
    await authorize(ctx, 'silence');
    await silence(ctx, input);
  };
  const list = async (ctx: CommandContext) => {
    await authorize(ctx, 'view');
    const [{ groups, total }, active] = await Promise.all([deps.groups.listFiring(), deps.silences.active()]);
    await ctx.replyPrivate(alertListMessage(ctx.t, groups, total, active, deps.timezone));
  };

  router.command('alert', (ctx) =>
    dispatchSubcommand(
      ctx,
      ctx.args,
      {
        list: (c) => list(c),
        silence: async (c, words) => {
          if (words.length === 0) {
            await authorize(c, 'silence');
            return c.openForm(silenceMatchersForm(c.t));
          }
          await typedSilence(c, parseSilenceWords(words));
        },
        unsilence: async (c, [id]) => {
          if (!id) throw new UserError('alert.errors.missing_silence_id', {}, 'alert');
          await authorize(c, 'unsilence', id.slice(0, 20));
          const ended = await deps.silences.unsilence(id, who(c));
          await c.replyPrivate({ text: c.t('alert.unsilenced', said(ended)) });
        },
      },
      { name: 'alert', usage: 'alert', whenEmpty: (c) => list(c) },
    ),
  );

  router.action('alert.ack', async (ctx) => {
    const group = await load(ctx, ctx.value, 'ack');
    const acked = await deps.groups.acknowledge(group, who(ctx));
    const shown = { ...acked, shortId: group.shortId };
    await ctx.update((t) => alertGroupMessage(t, shown, deps.timezone));
  });
  router.action('alert.silence', async (ctx) => {
    await load(ctx, ctx.value, 'silence');
    await ctx.openForm(silenceGroupForm(ctx.t, ctx.value));
  });
  router.action('alert.unsilence', async (ctx) => {
    const group = await load(ctx, ctx.value, 'unsilence');
    const ids = await deps.groups.silencesOf(group);
    if (ids.length === 0) throw new UserError('alert.errors.not_silenced', { id: group.shortId });
    const ended = [];
    for (const id of ids) ended.push(await deps.silences.unsilence(id, who(ctx)));
    await ctx.replyPrivate({ text: ended.map((s) => ctx.t('alert.unsilenced', said(s))).join('\n') });
  });
  router.action('alert.incident', async (ctx) => {
    const group = await load(ctx, ctx.value, 'incident');
    const { incidentId, opened } = await deps.groups.openIncident(group, who(ctx));
    const key = opened ? 'alert.incident_opened' : 'alert.incident_exists';
    await ctx.replyPrivate({ text: ctx.t(key, { id: group.shortId, incident: incidentId }) });
  });

  router.form('alert.silence', async (ctx) => {
    const group = await load(ctx, ctx.privateValue, 'silence');
    const durationMs = parseSilenceDuration(ctx.values.duration ?? '');
    const reason = parseReason(ctx.values.reason);
    await silence(ctx, { matchers: groupMatchers(group.labels), durationMs, reason, groupId: group.shortId }, group);
  });
  router.form('alert.silence_new', async (ctx) => {
    await typedSilence(ctx, parseSilenceForm(ctx.values));
  });
}
