// The upgrade buttons and the forms they open: Start, Complete (verified? notes), Roll back (why)
// on the announcements card; Approve and Reject (why) on a high-risk draft's card in approvals.
// Each button carries the card's version (`UPG-3~4`): a click acts only on the version the card
// showed, so twenty clicks at once move the upgrade once and the others are told who moved it.
// Approving is judged by the approval engine on what is stored when the click arrives.
import { readCardValue } from '../../src/chat/card-value.js';
import type { Wording } from '../../src/chat/wording.js';
import type { BaseContext } from '../../src/chat/context.js';
import type { Router } from '../../src/chat/router.js';
import type { Upgrade } from '../../models/upgrades/upgrade.js';
import { UPGRADE_LIMITS } from '../../models/upgrades/upgrade.js';
import type { Outcome } from '../../src/domains/approvals/rules/approval-engine.js';
import { closedError, refusalError } from '../../src/domains/approvals/rules/refusals.js';
import { upgradeMessage } from '../../src/domains/upgrades/cards/upgrade.js';
import { UserError } from '../../src/chat/user-error.js';
import { COMPLETE_FORM, completeForm, REJECT_FORM, reasonForm, ROLLBACK_FORM } from './forms.js';
import { parseCompleteForm, requireId, requireText } from './input.js';
import type { UpgradeHandlerDeps } from './register.js';
import { rolledBackLine } from '../../src/domains/upgrades/cards/words.js';

export function registerUpgradeClicks(router: Router, deps: UpgradeHandlerDeps): void {
  const zone = deps.timezone;
  const who = (ctx: BaseContext) => ({ key: ctx.actorKey, via: ctx.actor.platform });
  /** The clicked card, changed: the channel's, so in the channel's words (ActionContext.update). */
  const card = (upgrade: Upgrade): Wording => {
    const now = deps.clock.now();
    return (t) => upgradeMessage(t, upgrade, now, zone);
  };

  /** The upgrade a button or form names, and the version it carried. */
  const clicked = async (value: string) => {
    const { id, version } = readCardValue(value);
    return { upgrade: await deps.book.get(requireId(id)), version };
  };

  router.action('upgrade.start', async (ctx) => {
    const { upgrade, version } = await clicked(ctx.value);
    await ctx.authorize('upgrade.run');
    await ctx.update(card(await deps.transitions.start(upgrade._id, who(ctx), version)));
  });

  router.action('upgrade.complete', async (ctx) => {
    const { upgrade, version } = await clicked(ctx.value);
    await ctx.authorize('upgrade.run');
    if (upgrade.state !== 'in_progress' || (version !== undefined && version !== upgrade.version)) {
      throw new UserError('upgrade.errors.conflict', {
        id: upgrade._id,
        by: upgrade.timeline.at(-1)?.actor ?? 'system',
        state: upgrade.state,
      });
    }
    await ctx.openForm(completeForm(ctx.t, upgrade._id, ctx.value));
  });

  router.form(COMPLETE_FORM, async (ctx) => {
    const { upgrade, version } = await clicked(ctx.privateValue ?? '');
    await ctx.authorize('upgrade.run');
    const input = parseCompleteForm(ctx.values);
    const after = await deps.transitions.complete(upgrade._id, input, who(ctx), version);
    await ctx.replyPrivate({
      text: ctx.t('upgrade.completed', { id: after._id, system: after.system, version: after.toVersion }),
    });
  });

  router.action('upgrade.rollback', async (ctx) => {
    const { upgrade } = await clicked(ctx.value);
    await ctx.authorize('upgrade.run');
    await ctx.openForm(reasonForm(ctx.t, ROLLBACK_FORM, upgrade._id, ctx.value));
  });

  router.form(ROLLBACK_FORM, async (ctx) => {
    const { upgrade, version } = await clicked(ctx.privateValue ?? '');
    await ctx.authorize('upgrade.run');
    const reason = requireText(ctx.values.reason, 'reason', UPGRADE_LIMITS.reason);
    const after = await deps.transitions.rollback(upgrade._id, reason, who(ctx), version);
    await ctx.replyPrivate({ text: rolledBackLine(ctx.t, after) });
  });

  /** What a decision did; a refusal changed nothing and says why. */
  const decided = (ctx: BaseContext, outcome: Outcome<Upgrade>) => {
    const { doc } = outcome;
    if (outcome.kind === 'refused') throw refusalError(outcome.refusal, doc._id, doc.approval!, ctx.t, zone);
    if (outcome.kind === 'expired') throw closedError(doc._id, doc.approval!, zone);
    return doc;
  };

  router.action('upgrade.approve', async (ctx) => {
    const { upgrade } = await clicked(ctx.value);
    const voter = await deps.approvals.voter(ctx.actorKey);
    const doc = decided(ctx, await deps.decisions.approve(upgrade._id, voter, ctx.actor.platform));
    await ctx.update(card(doc));
  });

  router.action('upgrade.reject', async (ctx) => {
    const { upgrade } = await clicked(ctx.value);
    const voter = await deps.approvals.voter(ctx.actorKey);
    const refusal = deps.decisions.refusalFor(upgrade, voter);
    if (refusal && upgrade.approval) throw refusalError(refusal, upgrade._id, upgrade.approval, ctx.t, zone);
    await ctx.openForm(reasonForm(ctx.t, REJECT_FORM, upgrade._id, ctx.value));
  });

  router.form(REJECT_FORM, async (ctx) => {
    const { upgrade } = await clicked(ctx.privateValue ?? '');
    const reason = requireText(ctx.values.reason, 'reason', UPGRADE_LIMITS.reason);
    const voter = await deps.approvals.voter(ctx.actorKey);
    const doc = decided(ctx, await deps.decisions.reject(upgrade._id, voter, reason, ctx.actor.platform));
    await ctx.replyPrivate({ text: ctx.t('upgrade.rejected', { id: doc._id }) });
  });
}
