// The one permission check (issue 8, "One way to authorize"): the router gives every context
// `ctx.authorize(action, target?)`, built here. It asks the permission table, and when the answer is
// no, records the refusal in the audit trail (issue 3) before answering the person, in their
// language, with the roles they would need.
import type { BaseContext } from '../chat/context.js';
import { UserError } from '../chat/user-error.js';
import { assigneeMay, decide, type Action, type Permission, type Subject } from './permissions.js';

/** What is being acted on: named in the audit event, and judged by its category and assignee. */
export interface AuthTarget extends Subject {
  objectType: string;
  /** The id people type: `INC-12`, `slack:U123`. */
  objectId: string;
}

/** Where refusals go on record (the audit trail of the ops domain fits it). */
export interface RefusalRecorder {
  record(entry: {
    actor: string;
    action: Action;
    objectType: string;
    objectId: string;
    reason: string;
    reasonCode: 'needs_role';
    reasonParams: { roles: string[] };
    outcome: 'refused';
    via: string;
  }): Promise<unknown>;
}

/**
 * The record of a refusal for want of a role: English text for whoever reads the database, and a
 * code with the roles so the trail can say it in each reader's language.
 */
export function refusalOf(
  actor: string,
  action: Action,
  target: AuthTarget | undefined,
  needed: string[],
  via: string,
) {
  return {
    actor,
    action,
    objectType: target?.objectType ?? 'command',
    objectId: target?.objectId ?? action,
    reason: `needs one of: ${needed.join(', ')}`,
    reasonCode: 'needs_role' as const,
    reasonParams: { roles: needed },
    outcome: 'refused' as const,
    via,
  };
}

/** Throws a coded UserError (`errors.role_required`) after recording the refusal; resolves when allowed. */
export type Authorize = (ctx: BaseContext, action: Action, target?: AuthTarget) => Promise<void>;

/**
 * The check for one permission table. `rule(action)` gives the table's row; an action without a
 * row is a programming error and throws (the `Action` type prevents it at compile time).
 */
export function authorizer(rule: (action: Action) => Permission, audit: RefusalRecorder): Authorize {
  return async (ctx, action, target) => {
    const row = rule(action);
    const decision = decide(row, { roles: ctx.roles, actorKey: ctx.actorKey }, target);
    if (decision.allowed) return;
    await audit.record(refusalOf(ctx.actorKey, action, target, decision.needed, ctx.actor.platform));
    const roles = decision.needed.map((role) => ctx.t(`roles.${role}`)).join(', ');
    // i18next picks `errors.role_required_assignee` for this context; the code stays the same.
    const context = assigneeMay(row, target) ? { context: 'assignee' } : {};
    throw new UserError('errors.role_required', { roles, ...context });
  };
}
