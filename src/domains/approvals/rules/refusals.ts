// A refused decision, said to the person who clicked (in their language) and put on record in the
// audit trail (as a code any reader's language has words for). Shared by every owner of an
// approval: restores now, high-risk upgrades later.
import type { Approval } from '../../../../models/approvals/approval.js';
import { ROLES } from '../../../access/roles.js';
import { formatTime } from '../../../chat/time.js';
import { UserError } from '../../../chat/user-error.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { ReasonCode } from '../../ops/audit-vocabulary.js';
import type { Refusal } from './judge.js';

/** The roles that may approve, admin first as the permission table lists them. */
export function approverRolesOf(approval: Pick<Approval, 'approverRoles'>): string[] {
  return ROLES.filter((role) => role === 'admin' || approval.approverRoles.includes(role));
}

/**
 * The error the person reads: `id` is the owner's short id, `t` the reader's words (role names
 * and times are written into the parameters). `not_due` is the deadline job's, never a person's.
 */
export function refusalError(refusal: Refusal, id: string, approval: Approval, t: Translate, zone: string): UserError {
  switch (refusal) {
    case 'not_approver':
      return new UserError('errors.role_required', {
        roles: approverRolesOf(approval)
          .map((role) => t(`roles.${role}`))
          .join(', '),
      });
    case 'own_request':
      return new UserError('approval.errors.own_request', { id });
    case 'repeat':
      return new UserError('approval.errors.repeat', { id });
    case 'closed':
      return closedError(id, approval, zone);
    case 'not_due':
      return new UserError('approval.errors.pending', { id });
  }
}

/** Already decided: approved (with how many), rejected (by whom), or expired (when). */
export function closedError(id: string, approval: Approval, zone: string): UserError {
  const at = approval.decidedAt ? formatTime(approval.decidedAt, zone) : '';
  if (approval.state === 'rejected') {
    return new UserError('approval.errors.closed_rejected', { id, by: approval.rejection?.by ?? '—', at });
  }
  if (approval.state === 'expired') {
    return new UserError('approval.errors.closed_expired', { id, at: formatTime(approval.expiresAt, zone) });
  }
  return new UserError('approval.errors.closed_approved', {
    id,
    count: approval.approvals.length,
    required: approval.required,
    at,
  });
}

/** The audit record's reason for a refusal: a code and its parameters. */
export function refusalReason(
  refusal: Refusal,
  approval: Pick<Approval, 'approverRoles' | 'state'>,
): { reason: string; reasonCode: ReasonCode; reasonParams?: Record<string, unknown> } {
  switch (refusal) {
    case 'not_approver': {
      const roles = approverRolesOf(approval);
      return { reason: `needs one of: ${roles.join(', ')}`, reasonCode: 'needs_role', reasonParams: { roles } };
    }
    case 'own_request':
      return { reason: 'the requester cannot approve or reject', reasonCode: 'approval_own_request' };
    case 'repeat':
      return { reason: 'already approved by this person', reasonCode: 'approval_repeat' };
    case 'closed':
    case 'not_due':
      return {
        reason: `already ${approval.state}`,
        reasonCode: 'approval_closed',
        reasonParams: { state: approval.state },
      };
  }
}
