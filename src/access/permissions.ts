// How a permission reads and how it is judged. The rows themselves are each domain's
// (src/domains/<d>/permissions.ts); src/domains/registry.ts joins them into the one table that
// the router checks and README's "Roles and permissions" section writes out.
import { ROLES, type Role } from './roles.js';

/** Marks an action open to everyone who can type in chat. */
export const ANYONE = 'anyone';

export interface Permission {
  /** Who may do it. Admins may always, listed or not. */
  roles: readonly Role[] | typeof ANYONE;
  /** The subject's assignee may do it too, whatever their roles. */
  assignee?: boolean;
  /** Who may, instead of `roles` and the assignee, when the subject is a security incident. */
  security?: readonly Role[] | typeof ANYONE;
}

/** One domain's rows: `<domain>.<action>` → who may. */
export type PermissionRows = Record<string, Permission>;

/**
 * Every action of every domain, by declaration merging: a domain's permissions file adds
 * `declare module '../../access/permissions.js' { interface PermissionRegistry extends Rows<typeof rows> {} }`,
 * so `Action` names exactly the rows that exist and a typo is a compile error.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PermissionRegistry {}
/** The registry entry of a domain's rows. */
export type Rows<T extends PermissionRows> = { [K in keyof T]: Permission };
export type Action = keyof PermissionRegistry & string;

/** Who works incidents (issue 3) and alerts (issue 4): the on-duty groups plus project management. */
export const OPS_ROLES = ['admin', 'pm', 'sysops', 'secops', 'support'] as const satisfies readonly Role[];
/** Security incidents are handled by network security alone (seed 2.2), admins excepted. */
export const SECURITY_ROLES = ['admin', 'secops'] as const satisfies readonly Role[];
export const SECURITY_CATEGORY = 'security';

export type Decision = { allowed: true } | { allowed: false; needed: Role[] };

export interface Who {
  roles: Iterable<string>;
  /** `platform:id`, compared with the subject's assignee. */
  actorKey: string;
}

export interface Subject {
  category?: string | null | undefined;
  assignee?: string | null | undefined;
}

/** Judges one row for one person and subject; `needed` lists the roles that would do, admin first. */
export function decide(rule: Permission, who: Who, subject?: Subject): Decision {
  const held = new Set(who.roles);
  if (held.has('admin')) return { allowed: true };
  const security = subject?.category === SECURITY_CATEGORY && rule.security !== undefined;
  const roles = security ? rule.security! : rule.roles;
  if (roles === ANYONE || roles.some((role) => held.has(role))) return { allowed: true };
  if (!security && rule.assignee && subject?.assignee && subject.assignee === who.actorKey) return { allowed: true };
  return { allowed: false, needed: inRoleOrder(roles) };
}

/** Whether being the subject's assignee would have been enough: the refusal says so. */
export function assigneeMay(rule: Permission, subject?: Subject): boolean {
  return rule.assignee === true && !(subject?.category === SECURITY_CATEGORY && rule.security !== undefined);
}

function inRoleOrder(roles: readonly Role[]): Role[] {
  return ROLES.filter((role) => role === 'admin' || roles.includes(role));
}
