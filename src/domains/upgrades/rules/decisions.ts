// A high-risk upgrade's approval (issue 14: "needs the approval of a pm through the approval engine
// before it is announced"): approving schedules it (its reminders planned from then), rejecting or
// the window's start passing first ends the draft. Each decision is the engine's one conditional
// update, with the upgrade's own changes in the same write; a window that meanwhile lost its place
// (the start passed) cannot be approved, as the engine expires it at its start.
import type { Model } from 'mongoose';
import type { Upgrade, UpgradeStep } from '../../../../models/upgrades/upgrade.js';
import type { ApprovalServices } from '../../approvals/module.js';
import type { ApprovalEngine, Outcome } from '../../approvals/rules/approval-engine.js';
import { judge, type Refusal } from '../../approvals/rules/judge.js';
import { refusalReason } from '../../approvals/rules/refusals.js';
import type { Voter } from '../../approvals/rules/voter.js';
import { UserError } from '../../../chat/user-error.js';
import { SYSTEM_ACTOR_KEY } from '../../ops/audit-vocabulary.js';
import { firstReminder } from './reminders.js';
import type { Actor, UpgradeBook } from './upgrade-book.js';

type Approvable = Upgrade & { approval: NonNullable<Upgrade['approval']> };

const SYSTEM: Actor = { key: SYSTEM_ACTOR_KEY, via: 'job' };

export class UpgradeDecisions {
  private readonly engine: ApprovalEngine<Approvable>;

  constructor(
    private readonly book: UpgradeBook,
    approvals: ApprovalServices,
  ) {
    const step = (actor: string, kind: UpgradeStep['kind'], at: Date, text?: string): UpgradeStep => ({
      at,
      actor,
      kind,
      ...(text ? { text } : {}),
    });
    // Only drafts carry an approval, and the engine acts only on documents whose approval is pending.
    this.engine = approvals.engine(book.model as unknown as Model<Approvable>, {
      approved: (doc, vote, now) => ({
        $set: { state: 'scheduled', updatedAt: now, nextReminder: firstReminder(doc.start, now) },
        $push: { timeline: step(vote.by, 'approved', now) },
      }),
      rejected: (_doc, rejection, now) => ({
        $set: { state: 'rejected', updatedAt: now, endedAt: now, endedBy: rejection.by },
        $push: { timeline: step(rejection.by, 'rejected', now, rejection.reason) },
      }),
      expired: (_doc, now) => ({
        $set: { state: 'expired', updatedAt: now, endedAt: now },
        $push: { timeline: step(SYSTEM_ACTOR_KEY, 'expired', now) },
      }),
    });
  }

  /** `voter` approves `id`; answers what happened (a refusal is on record, and changes nothing). */
  async approve(id: string, voter: Voter, via: string): Promise<Outcome<Upgrade>> {
    const outcome = await this.decide(id, { kind: 'approve', voter });
    await this.settle(outcome, { key: voter.key, via }, 'upgrade.approve');
    return outcome;
  }

  /** `voter` rejects `id` for `reason`; the draft ends. */
  async reject(id: string, voter: Voter, reason: string, via: string): Promise<Outcome<Upgrade>> {
    const outcome = await this.decide(id, { kind: 'reject', voter, reason });
    await this.settle(outcome, { key: voter.key, via }, 'upgrade.approve');
    return outcome;
  }

  /** Why `voter` could not decide on `upgrade` now (before a form asks why), undefined when they could. */
  refusalFor(upgrade: Upgrade, voter: Voter): Refusal | undefined {
    if (!upgrade.approval) return 'closed';
    const verdict = judge(upgrade.approval, { kind: 'reject', voter, reason: '' }, this.book.clock.now());
    if (verdict.kind !== 'refuse') return verdict.kind === 'expire' ? 'closed' : undefined;
    return verdict.refusal;
  }

  /** Expires every draft whose window started before a pm approved it; answers how many. */
  async expireDue(): Promise<number> {
    const now = this.book.clock.now();
    const due = await this.book.model
      .find({ 'approval.state': 'pending', 'approval.expiresAt': { $lte: now } }, { _id: 1 })
      .limit(500)
      .lean<Array<{ _id: string }>>();
    let expired = 0;
    for (const { _id } of due) {
      const outcome = await this.engine.decide(_id, { kind: 'expire' });
      if (outcome?.kind === 'expired') {
        expired += 1;
        await this.settle(outcome, SYSTEM, 'upgrade.approve');
      }
    }
    return expired;
  }

  private async decide(id: string, decision: Parameters<ApprovalEngine<Approvable>['decide']>[1]) {
    const upgrade = await this.book.get(id);
    if (!upgrade.approval) throw new UserError('upgrade.errors.no_approval', { id: upgrade._id });
    const outcome = await this.engine.decide(upgrade._id, decision);
    if (!outcome) throw new UserError('upgrade.errors.not_found', { id });
    return outcome as Outcome<Upgrade>;
  }

  private async settle(outcome: Outcome<Upgrade>, actor: Actor, action: 'upgrade.approve'): Promise<void> {
    const upgrade = outcome.doc;
    const last = upgrade.timeline.at(-1)!;
    switch (outcome.kind) {
      case 'refused':
        await this.book.record({
          actor: actor.key,
          action,
          objectId: upgrade._id,
          outcome: 'refused',
          ...refusalReason(outcome.refusal, upgrade.approval!),
          via: actor.via,
        });
        return;
      case 'counted':
        return;
      case 'approved':
      case 'rejected':
      case 'expired':
        await this.book.record({
          actor: actor.key,
          action: `upgrade.${outcome.kind}`,
          objectId: upgrade._id,
          before: { upgrade: 'pending_approval' },
          after: { upgrade: upgrade.state },
          ...(outcome.kind === 'rejected' ? { reason: outcome.rejection.reason } : {}),
          via: actor.via,
        });
        await this.book.told(upgrade, last);
        return;
    }
  }
}
