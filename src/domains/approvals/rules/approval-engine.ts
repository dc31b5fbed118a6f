// The approval engine: each decision (approve, reject, expire) is one conditional update of the
// owner's document, from the version it was judged on, with the owner's own changes of that
// outcome (its state, its timeline) in the same write. Twenty clicks at once, two approvers at
// once, or a click as the deadline passes: each is judged on what is stored, one update wins
// per version, and the others are judged again on what it left, on one process or many.
import type { Model, UpdateQuery } from 'mongoose';
import type { Approvable, ApprovalRejection, ApprovalVote } from '../../../../models/approvals/approval.js';
import type { Clock } from '../../../kernel/clock.js';
import { judge, type Decision, type Refusal, type Verdict } from './judge.js';

/** What the owner changes besides the approval, in the same update. */
export interface UpdateParts {
  $set?: Record<string, unknown>;
  $push?: Record<string, unknown>;
}

/** The owner's changes for each outcome (its state, a line of its timeline, what comes next). */
export interface ApprovalEffects<T extends Approvable> {
  counted?(doc: T, vote: ApprovalVote, now: Date): UpdateParts;
  approved?(doc: T, vote: ApprovalVote, now: Date): UpdateParts;
  rejected?(doc: T, rejection: ApprovalRejection, now: Date): UpdateParts;
  expired?(doc: T, now: Date): UpdateParts;
}

/** What one call did: changed the document (`doc` as it is after), or nothing (`refused`, `doc` as read). */
export type Outcome<T> =
  | { kind: 'counted'; doc: T; vote: ApprovalVote; count: number }
  | { kind: 'approved'; doc: T; vote: ApprovalVote; count: number }
  | { kind: 'rejected'; doc: T; rejection: ApprovalRejection }
  /** This call found the deadline passed and expired it (a late click is told so). */
  | { kind: 'expired'; doc: T }
  | { kind: 'refused'; refusal: Refusal; doc: T };

/**
 * Each lost race means another update won, so a decision is judged again at most once per
 * concurrent change; far more rounds than that is a fault worth surfacing.
 */
const MAX_ROUNDS = 200;

export class ApprovalEngine<T extends Approvable> {
  constructor(
    private readonly model: Model<T>,
    private readonly clock: Clock,
    private readonly effects: ApprovalEffects<T> = {},
  ) {}

  /**
   * Judges `decision` on the stored approval of `id` and applies the verdict with one update
   * conditional on the version judged. `seen`: the document as the caller has just read it (the
   * click's card), judged first instead of reading it again; if it is no longer current the update
   * misses and the stored one is read and judged. Answers undefined when there is no such
   * document; throws only what the database throws.
   */
  async decide(id: string, decision: Decision, seen?: T): Promise<Outcome<T> | undefined> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const doc = round === 0 && seen ? seen : await this.model.findById(id).lean<T>();
      if (!doc) return undefined;
      const now = this.clock.now();
      const verdict = judge(doc.approval, decision, now);
      if (verdict.kind === 'refuse') return { kind: 'refused', refusal: verdict.refusal, doc };
      const after = await this.model
        .findOneAndUpdate(
          { _id: id, version: doc.version, 'approval.state': 'pending' } as Record<string, unknown>,
          this.update(doc, verdict, now) as UpdateQuery<T>,
          { returnDocument: 'after' },
        )
        .lean<T>();
      if (after) return outcomeOf(verdict, after);
    }
    throw new Error(`approval of ${id}: still changing after ${MAX_ROUNDS} tries`);
  }

  private update(doc: T, verdict: Exclude<Verdict, { kind: 'refuse' }>, now: Date): UpdateQuery<T> {
    const own: UpdateParts = {};
    let theirs: UpdateParts = {};
    switch (verdict.kind) {
      case 'count':
        own.$push = { 'approval.approvals': verdict.vote };
        theirs = this.effects.counted?.(doc, verdict.vote, now) ?? {};
        break;
      case 'approve':
        own.$push = { 'approval.approvals': verdict.vote };
        own.$set = { 'approval.state': 'approved', 'approval.decidedAt': now };
        theirs = this.effects.approved?.(doc, verdict.vote, now) ?? {};
        break;
      case 'reject':
        own.$set = { 'approval.state': 'rejected', 'approval.rejection': verdict.rejection, 'approval.decidedAt': now };
        theirs = this.effects.rejected?.(doc, verdict.rejection, now) ?? {};
        break;
      case 'expire':
        own.$set = { 'approval.state': 'expired', 'approval.decidedAt': now };
        theirs = this.effects.expired?.(doc, now) ?? {};
        break;
    }
    const $set = { ...theirs.$set, ...own.$set };
    const $push = { ...theirs.$push, ...own.$push };
    return {
      ...(Object.keys($set).length ? { $set } : {}),
      ...(Object.keys($push).length ? { $push } : {}),
      $inc: { version: 1 },
    } as UpdateQuery<T>;
  }
}

function outcomeOf<T>(verdict: Exclude<Verdict, { kind: 'refuse' }>, doc: T): Outcome<T> {
  switch (verdict.kind) {
    case 'count':
      return { kind: 'counted', doc, vote: verdict.vote, count: verdict.count };
    case 'approve':
      return { kind: 'approved', doc, vote: verdict.vote, count: verdict.count };
    case 'reject':
      return { kind: 'rejected', doc, rejection: verdict.rejection };
    case 'expire':
      return { kind: 'expired', doc };
  }
}
