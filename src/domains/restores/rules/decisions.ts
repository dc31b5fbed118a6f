// Approving, rejecting and expiring a restore request through the approval engine: each decision
// one conditional update that also moves the restore (its state, its timeline, and on the quorum
// the execution it now waits for, stored in the same write), then the audit trail and the card.
import type { Approval } from '../../../../models/approvals/approval.js';
import type { Execution, RestoreRequest, RestoreStep } from '../../../../models/restores/restore-request.js';
import type { ApprovalServices } from '../../approvals/module.js';
import type { ApprovalEngine, Outcome } from '../../approvals/rules/approval-engine.js';
import { judge, type Refusal } from '../../approvals/rules/judge.js';
import { refusalReason } from '../../approvals/rules/refusals.js';
import type { Voter } from '../../approvals/rules/voter.js';
import { UserError } from '../../../chat/user-error.js';
import { SYSTEM_ACTOR_KEY } from '../../ops/audit-vocabulary.js';
import type { Actor, RestoreBook } from './restore-book.js';

/** How long the executor is called, from the quorum, before it is given up (issue 13: up to an hour). */
export const DELIVERY_WINDOW_MS = 3_600_000;

const SYSTEM: Actor = { key: SYSTEM_ACTOR_KEY, via: 'job' };

export interface RestoreDecisionsDeps {
  book: RestoreBook;
  approvals: ApprovalServices;
  /** An executor is configured (RESTORE_EXECUTOR_URL): the quorum stores its call; else people carry it out. */
  executor: boolean;
}

export class RestoreDecisions {
  private readonly engine: ApprovalEngine<RestoreRequest>;

  constructor(private readonly deps: RestoreDecisionsDeps) {
    const step = (actor: string, kind: RestoreStep['kind'], at: Date, extra: Partial<RestoreStep> = {}) => ({
      at,
      actor,
      kind,
      ...extra,
    });
    this.engine = deps.approvals.engine(deps.book.model, {
      counted: (_doc, vote, now) => ({
        $set: { updatedAt: now },
        $push: { timeline: step(vote.by, 'approval', now, { count: _doc.approval.approvals.length + 1 }) },
      }),
      approved: (doc, vote, now) => ({
        $set: { state: 'approved', updatedAt: now, execution: this.execution(now) },
        $push: {
          timeline: {
            $each: [
              step(vote.by, 'approval', now, { count: doc.approval.approvals.length + 1 }),
              step(SYSTEM_ACTOR_KEY, 'approved', now, { count: doc.approval.approvals.length + 1 }),
            ],
          },
        },
      }),
      rejected: (_doc, rejection, now) => ({
        $set: { state: 'rejected', updatedAt: now },
        $push: { timeline: step(rejection.by, 'rejected', now, { text: rejection.reason }) },
      }),
      expired: (doc, now) => ({
        $set: { state: 'expired', updatedAt: now },
        $push: { timeline: step(SYSTEM_ACTOR_KEY, 'expired', now, { count: doc.approval.approvals.length }) },
      }),
    });
  }

  /**
   * `voter` approves `id`; answers what happened (a refusal is on record, and changes nothing).
   * `seen`: the request as just read for the click (ApprovalEngine.decide), saving a read.
   */
  async approve(id: string, voter: Voter, via: string, seen?: RestoreRequest): Promise<Outcome<RestoreRequest>> {
    const outcome = await this.decide(id, { kind: 'approve', voter }, seen);
    await this.settle(outcome, { key: voter.key, via }, 'restore.approve');
    return outcome;
  }

  /** `voter` rejects `id` for `reason`; one rejection ends it. `seen` as for approve(). */
  async reject(
    id: string,
    voter: Voter,
    reason: string,
    via: string,
    seen?: RestoreRequest,
  ): Promise<Outcome<RestoreRequest>> {
    const outcome = await this.decide(id, { kind: 'reject', voter, reason }, seen);
    await this.settle(outcome, { key: voter.key, via }, 'restore.reject');
    return outcome;
  }

  /**
   * Why `voter` could not approve or reject `restore` as it is now (before a form asks them why),
   * undefined when they could; a refusal is put on record.
   */
  async refusalFor(restore: RestoreRequest, voter: Voter, via: string): Promise<Refusal | undefined> {
    const verdict = judge(restore.approval, { kind: 'reject', voter, reason: '' }, this.deps.book.clock.now());
    if (verdict.kind !== 'refuse') return verdict.kind === 'expire' ? 'closed' : undefined;
    await this.recordRefusal(restore._id, restore.approval, verdict.refusal, { key: voter.key, via }, 'restore.reject');
    return verdict.refusal;
  }

  /** Expires every pending request past its deadline; answers how many this call expired. */
  async expireDue(): Promise<number> {
    const now = this.deps.book.clock.now();
    const due = await this.deps.book.model
      .find({ 'approval.state': 'pending', 'approval.expiresAt': { $lte: now } }, { _id: 1 })
      .limit(500)
      .lean<Array<{ _id: string }>>();
    let expired = 0;
    for (const { _id } of due) {
      const outcome = await this.decide(_id, { kind: 'expire' });
      if (outcome.kind === 'expired') {
        expired += 1;
        await this.settle(outcome, SYSTEM, 'restore.expired');
      }
    }
    return expired;
  }

  private async decide(
    id: string,
    decision: Parameters<ApprovalEngine<RestoreRequest>['decide']>[1],
    seen?: RestoreRequest,
  ) {
    const outcome = await this.engine.decide(id, decision, seen);
    if (!outcome) throw new UserError('restore.errors.not_found', { id });
    return outcome;
  }

  /** What the quorum leaves to do: the executor's call, due now, or people's hands. */
  private execution(now: Date): Execution {
    return this.deps.executor
      ? {
          mode: 'executor',
          state: 'waiting',
          attempts: 0,
          nextAt: now,
          deadline: new Date(now.getTime() + DELIVERY_WINDOW_MS),
        }
      : { mode: 'manual', attempts: 0 };
  }

  /** The audit records of what happened, then the observers, one step at a time. */
  private async settle(
    outcome: Outcome<RestoreRequest>,
    actor: Actor,
    action: 'restore.approve' | 'restore.reject' | 'restore.expired',
  ): Promise<void> {
    const { book } = this.deps;
    const restore = outcome.doc;
    const approvals = `${restore.approval.approvals.length}/${restore.approval.required}`;
    switch (outcome.kind) {
      case 'refused':
        await this.recordRefusal(restore._id, restore.approval, outcome.refusal, actor, action);
        return;
      case 'counted':
        await book.record({ actor: actor.key, action, objectId: restore._id, after: { approvals }, via: actor.via });
        await book.told(restore, restore.timeline.at(-1)!);
        return;
      case 'approved': {
        await book.record({ actor: actor.key, action, objectId: restore._id, after: { approvals }, via: actor.via });
        // The quorum is reached by this click: on record as the approver's, so an auditor reads who
        // made the restore go ahead, not that "Zhiban" did.
        await book.record({
          actor: actor.key,
          action: 'restore.approved',
          objectId: restore._id,
          before: { restore: 'pending' },
          after: { restore: 'approved', approvals },
          via: actor.via,
        });
        const [vote, quorum] = restore.timeline.slice(-2);
        await book.told(restore, vote!);
        await book.told(restore, quorum!);
        return;
      }
      case 'rejected':
        await book.record({
          actor: actor.key,
          action,
          objectId: restore._id,
          before: { restore: 'pending' },
          after: { restore: 'rejected' },
          reason: outcome.rejection.reason,
          via: actor.via,
        });
        await book.told(restore, restore.timeline.at(-1)!);
        return;
      case 'expired':
        await book.record({
          actor: SYSTEM.key,
          action: 'restore.expired',
          objectId: restore._id,
          before: { restore: 'pending' },
          after: { restore: 'expired', approvals },
          via: SYSTEM.via,
        });
        await book.told(restore, restore.timeline.at(-1)!);
        return;
    }
  }

  private recordRefusal(
    id: string,
    approval: Approval,
    refusal: Refusal,
    actor: Actor,
    action: 'restore.approve' | 'restore.reject' | 'restore.expired',
  ): Promise<void> {
    return this.deps.book.record({
      actor: actor.key,
      action: action === 'restore.reject' ? 'restore.reject' : 'restore.approve',
      objectId: id,
      outcome: 'refused',
      ...refusalReason(refusal, approval),
      via: actor.via,
    });
  }
}
