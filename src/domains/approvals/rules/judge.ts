// The approval rules as one pure function: given the approval as stored, what someone asks and
// the time, what happens. The engine (approval-engine.ts) turns a verdict into one conditional
// update; keeping the rules here lets them be tested without a database. The anchors: NetApp
// multi-admin verification (N-of-M, expiry), GitLab/GitHub protected environments (required
// approvals, no self-approval), ServiceNow change approval (one rejection ends it).
import type { Approval, ApprovalRejection, ApprovalVote } from '../../../../models/approvals/approval.js';
import { samePerson, type Voter } from './voter.js';

/** What someone asks of a pending approval; `expire` is the deadline job's. */
export type Decision =
  { kind: 'approve'; voter: Voter } | { kind: 'reject'; voter: Voter; reason: string } | { kind: 'expire' };

/**
 * Why nothing happens: `not_approver` (holds none of the roles), `own_request` (the requester,
 * under any identity), `repeat` (this person approved already), `closed` (already decided),
 * `not_due` (an expiry before the deadline).
 */
export type Refusal = 'not_approver' | 'own_request' | 'repeat' | 'closed' | 'not_due';

export type Verdict =
  /** Counted; `count` approvals now, fewer than required. */
  | { kind: 'count'; vote: ApprovalVote; count: number }
  /** Counted, and it makes the quorum. */
  | { kind: 'approve'; vote: ApprovalVote; count: number }
  | { kind: 'reject'; rejection: ApprovalRejection }
  /** The deadline has passed: whoever asked, the approval expires (a click then is too late). */
  | { kind: 'expire' }
  | { kind: 'refuse'; refusal: Refusal };

/** The role every permission lets through (src/access/permissions.ts): admins may always. */
const ALWAYS = 'admin';

/**
 * The verdict on `decision` at `now`. The deadline is exclusive: at `expiresAt` itself the
 * approval has expired. Checks run in this order: decided already, past the deadline, the
 * requester, the roles, a repeat.
 */
export function judge(approval: Approval, decision: Decision, now: Date): Verdict {
  if (approval.state !== 'pending') return { kind: 'refuse', refusal: 'closed' };
  if (now.getTime() >= approval.expiresAt.getTime()) return { kind: 'expire' };
  if (decision.kind === 'expire') return { kind: 'refuse', refusal: 'not_due' };
  const { voter } = decision;
  // The requester first: whatever roles they hold, that is the answer they need.
  if (isRequester(approval, voter)) return { kind: 'refuse', refusal: 'own_request' };
  if (!mayApprove(approval, voter)) return { kind: 'refuse', refusal: 'not_approver' };
  if (decision.kind === 'reject') {
    return { kind: 'reject', rejection: { by: voter.key, person: voter.person, at: now, reason: decision.reason } };
  }
  if (
    approval.approvals.some((vote) => vote.person === voter.person || samePerson(vote.identities, voter.identities))
  ) {
    return { kind: 'refuse', refusal: 'repeat' };
  }
  const vote: ApprovalVote = { by: voter.key, person: voter.person, identities: voter.identities, at: now };
  const count = approval.approvals.length + 1;
  return count >= approval.required ? { kind: 'approve', vote, count } : { kind: 'count', vote, count };
}

/** Holds one of the approver roles (or is an admin). */
export function mayApprove(approval: Pick<Approval, 'approverRoles'>, voter: Pick<Voter, 'roles'>): boolean {
  return voter.roles.includes(ALWAYS) || approval.approverRoles.some((role) => voter.roles.includes(role));
}

/**
 * The requester under any identity: one they had when they asked, or one linked to the clicker's
 * group since (the clicker's identities are read at the click).
 */
export function isRequester(
  approval: Pick<Approval, 'requester' | 'requesterIdentities'>,
  voter: Pick<Voter, 'identities'>,
): boolean {
  return samePerson([approval.requester, ...approval.requesterIdentities], voter.identities);
}
