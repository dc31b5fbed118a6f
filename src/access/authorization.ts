// The permission precondition every handler uses: asks the table, and when it says no, records the
// refusal in the audit trail (issue 3) before answering the person with the roles they would need.
import type { BaseContext } from '../chat/context.js';
import { UserError } from '../chat/user-error.js';
import type { AuditTrail } from '../domains/ops/rules/audit-trail.js';
import { assigneeMay, can, type Action, type Subject } from './permissions.js';

/** What is being acted on: named in the audit event, and judged by its category and assignee. */
export interface AuthTarget extends Subject {
  objectType: string;
  /** The id people type: `INC-12`, `slack:U123`. */
  objectId: string;
}

export async function authorize(
  ctx: BaseContext,
  audit: Pick<AuditTrail, 'record'>,
  action: Action,
  target?: AuthTarget,
): Promise<void> {
  const decision = can(action, { roles: ctx.roles, actorKey: ctx.actorKey }, target);
  if (decision.allowed) return;
  await audit.record({
    actor: ctx.actorKey,
    action,
    objectType: target?.objectType ?? 'command',
    objectId: target?.objectId ?? action,
    reason: `needs one of: ${decision.needed.join(', ')}`,
    outcome: 'refused',
    via: ctx.actor.platform,
  });
  const roles = decision.needed.map((role) => ctx.t(`roles.${role}`)).join(', ');
  // i18next picks `errors.role_required_assignee` for this context; the code stays the same.
  const context = assigneeMay(action, target) ? { context: 'assignee' } : {};
  throw new UserError('errors.role_required', { roles, ...context });
}
