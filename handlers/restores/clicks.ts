// The restore buttons and the forms they open: approve, reject (asking why), start and finish a
// restore done by hand, verify. Each button carries the card's version (`RST-3~4`). Approving and
// rejecting are judged by the approval engine on what is stored when the click arrives (what is
// being approved never changes; another approval since the card was drawn does not make a click
// wrong, while a decision since does, and says who made it); the other buttons act only on the
// version the card showed.
import { readCardValue } from '../../src/chat/card-value.js';
import type { Wording } from '../../src/chat/wording.js';
import type { ActionContext, BaseContext } from '../../src/chat/context.js';
import type { Router } from '../../src/chat/router.js';
import type { RestoreRequest } from '../../models/restores/restore-request.js';
import type { Outcome } from '../../src/domains/approvals/rules/approval-engine.js';
import { isRequester } from '../../src/domains/approvals/rules/judge.js';
import { closedError, refusalError } from '../../src/domains/approvals/rules/refusals.js';
import { restoreMessage } from '../../src/domains/restores/cards/restore.js';
import { conflict } from '../../src/domains/restores/rules/verification.js';
import { FINISH_FORM, finishForm, REJECT_FORM, rejectForm, VERIFY_FORM, verifyForm } from './forms.js';
import { parseFinishForm, parseVerifyForm, requireId, requireReason } from './input.js';
import type { RestoreHandlerDeps } from './register.js';

export function registerRestoreClicks(router: Router, deps: RestoreHandlerDeps): void {
  const zone = deps.timezone;
  const who = (ctx: BaseContext) => ({ key: ctx.actorKey, via: ctx.actor.platform });
  /** The clicked card, changed: the channel's, so in the channel's words (ActionContext.update). */
  const card = (restore: RestoreRequest): Wording => {
    const now = deps.clock.now();
    return (t) => restoreMessage(t, restore, now, zone);
  };
  const target = (restore: RestoreRequest) => ({ objectType: 'restore', objectId: restore._id });

  /** The request a button or form names, and the version it carried. */
  const clicked = async (value: string) => {
    const { id, version } = readCardValue(value);
    return { restore: await deps.book.get(requireId(id)), version };
  };
  /** A card no longer current is refused with who changed it (the outbox keeps the card itself current). */
  const current = (restore: RestoreRequest, version: number | undefined) => {
    if (version !== undefined && restore.version !== version) throw conflict(restore);
  };

  /** What a decision did, said to the one who clicked; a refusal changed nothing and says why. */
  const decided = (ctx: BaseContext, outcome: Outcome<RestoreRequest>) => {
    const { doc } = outcome;
    if (outcome.kind === 'refused') throw refusalError(outcome.refusal, doc._id, doc.approval, ctx.t, zone);
    if (outcome.kind === 'expired') throw closedError(doc._id, doc.approval, zone);
    return doc;
  };

  router.action('restore.approve', async (ctx: ActionContext) => {
    const { restore } = await clicked(ctx.value);
    const voter = await deps.approvals.voter(ctx.actorKey);
    const doc = decided(ctx, await deps.decisions.approve(restore._id, voter, ctx.actor.platform, restore));
    await ctx.update(card(doc));
    // The card shows everyone the count; the approver is also told privately that theirs was counted.
    const { approvals, required, state } = doc.approval;
    const said = { id: doc._id, count: Math.min(approvals.length, required), required };
    await ctx.replyPrivate({
      text: ctx.t(state === 'approved' ? 'restore.approval_made' : 'restore.approval_counted', said),
    });
  });

  router.action('restore.reject', async (ctx) => {
    const { restore } = await clicked(ctx.value);
    const voter = await deps.approvals.voter(ctx.actorKey);
    const refusal = await deps.decisions.refusalFor(restore, voter, ctx.actor.platform);
    if (refusal) throw refusalError(refusal, restore._id, restore.approval, ctx.t, zone);
    await ctx.openForm(rejectForm(ctx.t, restore._id, ctx.value));
  });

  router.form(REJECT_FORM, async (ctx) => {
    const { restore } = await clicked(ctx.privateValue ?? '');
    const reason = requireReason(ctx.values.reason);
    const voter = await deps.approvals.voter(ctx.actorKey);
    const doc = decided(ctx, await deps.decisions.reject(restore._id, voter, reason, ctx.actor.platform, restore));
    await ctx.replyPrivate({ text: ctx.t('restore.rejected', { id: doc._id }) });
  });

  router.action('restore.start', async (ctx) => {
    const { restore, version } = await clicked(ctx.value);
    await ctx.authorize('restore.execute', target(restore));
    current(restore, version);
    const { restore: after } = await deps.progress.report(restore._id, { status: 'running' }, who(ctx));
    await ctx.update(card(after));
  });

  router.action('restore.finish', async (ctx) => {
    const { restore, version } = await clicked(ctx.value);
    await ctx.authorize('restore.execute', target(restore));
    current(restore, version);
    await ctx.openForm(finishForm(ctx.t, restore._id, ctx.value));
  });

  router.form(FINISH_FORM, async (ctx) => {
    const { restore, version } = await clicked(ctx.privateValue ?? '');
    await ctx.authorize('restore.execute', target(restore));
    const report = parseFinishForm(ctx.values);
    current(restore, version);
    const { restore: after } = await deps.progress.report(restore._id, report, who(ctx));
    await ctx.replyPrivate({
      text: ctx.t('restore.finished', { id: after._id, state: ctx.t(`restore.state.${after.state}`) }),
    });
  });

  /** The requester (under any of their identities) may verify, as data operations may. */
  const mayVerify = async (ctx: BaseContext, restore: RestoreRequest) => {
    const voter = await deps.approvals.voter(ctx.actorKey);
    if (!isRequester(restore.approval, voter)) await ctx.authorize('restore.verify', target(restore));
  };

  router.action('restore.verify', async (ctx) => {
    const { restore, version } = await clicked(ctx.value);
    await mayVerify(ctx, restore);
    current(restore, version);
    await ctx.openForm(verifyForm(ctx.t, restore._id, ctx.value));
  });

  router.form(VERIFY_FORM, async (ctx) => {
    const { restore, version } = await clicked(ctx.privateValue ?? '');
    await mayVerify(ctx, restore);
    const answers = parseVerifyForm(ctx.values);
    const after = await deps.verification.verify(restore._id, answers, who(ctx), version);
    const incident = after.verification?.incidentId;
    await ctx.replyPrivate({
      text: incident
        ? ctx.t('restore.verify_failed', { id: after._id, incident })
        : ctx.t('restore.verified', { id: after._id }),
    });
  });
}
