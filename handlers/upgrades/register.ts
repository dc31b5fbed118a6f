// `/upgrade`: announce (typed, or through a form), list, show, history, start, complete, rollback,
// cancel, rule. Parse, check the role, call the rules, answer privately: the announcements channel
// holds each upgrade's card, for everyone to follow and sysops to act on.
import type { BaseContext, CommandContext } from '../../src/chat/context.js';
import type { Router } from '../../src/chat/router.js';
import { dispatchSubcommand } from '../../src/chat/subcommands.js';
import { formatTime } from '../../src/chat/time.js';
import { UserError } from '../../src/chat/user-error.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { ApprovalServices } from '../../src/domains/approvals/module.js';
import {
  upgradeHistoryMessage,
  upgradeListMessage,
  upgradeShowMessage,
} from '../../src/domains/upgrades/cards/list.js';
import type { UpgradeAnnouncing } from '../../src/domains/upgrades/rules/announcing.js';
import type { UpgradeDecisions } from '../../src/domains/upgrades/rules/decisions.js';
import type { VersionRegistry } from '../../src/domains/upgrades/rules/registry.js';
import type { UpgradeTransitions } from '../../src/domains/upgrades/rules/transitions.js';
import type { UpgradeBook } from '../../src/domains/upgrades/rules/upgrade-book.js';
import type { UpgradeWindows } from '../../src/domains/upgrades/rules/windows.js';
import type { Upgrade } from '../../models/upgrades/upgrade.js';
import { UPGRADE_LIMITS } from '../../models/upgrades/upgrade.js';
import { registerUpgradeClicks } from './clicks.js';
import { ANNOUNCE_FORM, announceForm, completeForm, PLAN_FORM, planForm, reasonForm, ROLLBACK_FORM } from './forms.js';
import { parseAnnounce, parseAnnounceForm, parseTypedWindow, requireId, requireSystem, requireText } from './input.js';
import { rolledBackLine } from '../../src/domains/upgrades/cards/words.js';

export interface UpgradeHandlerDeps {
  book: UpgradeBook;
  announcing: UpgradeAnnouncing;
  transitions: UpgradeTransitions;
  decisions: UpgradeDecisions;
  registry: VersionRegistry;
  windows: UpgradeWindows;
  approvals: Pick<ApprovalServices, 'voter'>;
  timezone: string;
  clock: Clock;
}

/** Longest typed `<system> <version> <start> <end>` the plan form can carry (Discord's custom id: 100). */
const PLAN_VALUE_MAX = 80;

export function registerUpgrade(router: Router, deps: UpgradeHandlerDeps): void {
  const who = (ctx: BaseContext) => ({ key: ctx.actorKey, via: ctx.actor.platform });
  const zone = deps.timezone;

  const announced = (ctx: BaseContext, upgrade: Upgrade, repeated: boolean) =>
    ctx.replyPrivate({
      text: ctx.t(
        repeated
          ? 'upgrade.announced_again'
          : upgrade.state === 'pending_approval'
            ? 'upgrade.drafted'
            : 'upgrade.announced',
        { id: upgrade._id, system: upgrade.system, version: upgrade.toVersion, start: formatTime(upgrade.start, zone) },
      ),
    });

  const announce = async (ctx: CommandContext, words: string[]) => {
    await ctx.authorize('upgrade.announce');
    if (words.length === 0) return ctx.openForm(announceForm(ctx.t, zone, ctx.actor.platform));
    if (words.length === 4) {
      // The system, version and window typed: a form for the summary, the risk and the plan.
      parseTypedWindow(words, zone);
      const typed = words.join(' ');
      // Discord carries a form's private value in a custom id of 100 characters.
      if (typed.length > PLAN_VALUE_MAX) throw new UserError('upgrade.errors.typed_too_long', { max: PLAN_VALUE_MAX });
      return ctx.openForm(planForm(ctx.t, typed, ctx.actor.platform));
    }
    const { upgrade, repeated } = await deps.announcing.announce(parseAnnounce(words, zone), who(ctx), ctx.requestId);
    await announced(ctx, upgrade, repeated);
  };

  const moved = (ctx: BaseContext, upgrade: Upgrade) =>
    ctx.replyPrivate({ text: ctx.t('upgrade.moved', { id: upgrade._id, state: upgrade.state }) });

  router.command('upgrade', (ctx) =>
    dispatchSubcommand(
      ctx,
      ctx.args,
      {
        announce,
        list: async (c) => {
          await c.authorize('upgrade.view');
          await c.replyPrivate(upgradeListMessage(c.t, await deps.windows.upcoming(), deps.clock.now(), zone));
        },
        show: async (c, [id]) => {
          await c.authorize('upgrade.view');
          const upgrade = await deps.book.get(requireId(id));
          // A draft awaiting approval is seen by its author and those who may approve it only.
          const approver = ['admin', 'pm'].some((role) => c.roles.has(role));
          if (upgrade.state === 'pending_approval' && upgrade.author !== c.actorKey && !approver) {
            throw new UserError('upgrade.errors.not_found', { id: upgrade._id });
          }
          await c.replyPrivate(upgradeShowMessage(c.t, upgrade, deps.clock.now(), zone));
        },
        history: async (c, [system]) => {
          await c.authorize('upgrade.view');
          const name = requireSystem(system);
          const [current, upgrades] = await Promise.all([deps.registry.current(name), deps.registry.history(name)]);
          await c.replyPrivate(upgradeHistoryMessage(c.t, name, current, upgrades, zone));
        },
        start: async (c, [id]) => {
          await c.authorize('upgrade.run');
          await moved(c, await deps.transitions.start(requireId(id), who(c)));
        },
        complete: async (c, [id]) => {
          await c.authorize('upgrade.run');
          const upgrade = await deps.book.get(requireId(id));
          await c.openForm(completeForm(c.t, upgrade._id, upgrade._id));
        },
        rollback: async (c, [id, ...reason]) => {
          await c.authorize('upgrade.run');
          const upgrade = await deps.book.get(requireId(id));
          if (reason.length === 0) return c.openForm(reasonForm(c.t, ROLLBACK_FORM, upgrade._id, upgrade._id));
          const why = requireText(reason.join(' '), 'reason', UPGRADE_LIMITS.reason);
          const after = await deps.transitions.rollback(upgrade._id, why, who(c));
          await c.replyPrivate({ text: rolledBackLine(c.t, after) });
        },
        cancel: async (c, [id, ...reason]) => {
          await c.authorize('upgrade.cancel');
          const why = requireText(reason.join(' '), 'reason', UPGRADE_LIMITS.reason);
          await moved(c, await deps.transitions.cancel(requireId(id), why, who(c)));
        },
        rule: async (c, [system, ...pattern]) => {
          await c.authorize('upgrade.rule');
          const name = requireSystem(system);
          const typed = requireText(pattern.join(' '), 'pattern', 200);
          const set = await deps.registry.setPattern(name, typed, who(c));
          await c.replyPrivate({
            text: set
              ? c.t('upgrade.rule_set', { system: name, pattern: set })
              : c.t('upgrade.rule_reset', { system: name }),
          });
        },
      },
      { name: 'upgrade', usage: 'upgrade', whenEmpty: (c) => announce(c, []) },
    ),
  );

  router.form(ANNOUNCE_FORM, async (ctx) => {
    await ctx.authorize('upgrade.announce');
    const { upgrade, repeated } = await deps.announcing.announce(
      parseAnnounceForm(ctx.values, zone),
      who(ctx),
      ctx.requestId,
    );
    await announced(ctx, upgrade, repeated);
  });

  router.form(PLAN_FORM, async (ctx) => {
    await ctx.authorize('upgrade.announce');
    const input = parseAnnounceForm(ctx.values, zone, ctx.privateValue ?? '');
    const { upgrade, repeated } = await deps.announcing.announce(input, who(ctx), ctx.requestId);
    await announced(ctx, upgrade, repeated);
  });

  registerUpgradeClicks(router, deps);
}
