// The one permission table (area × action → roles) and the pure check every handler asks.
// The README's "Roles and permissions" section is this table written out; change both together.
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

/** Who works incidents (issue 3) and alerts (issue 4): the on-duty groups plus project management. */
export const OPS_ROLES = ['admin', 'pm', 'sysops', 'secops', 'support'] as const satisfies readonly Role[];
/** Security incidents are handled by network security alone (seed 2.2), admins excepted. */
export const SECURITY_ROLES = ['admin', 'secops'] as const satisfies readonly Role[];
export const SECURITY_CATEGORY = 'security';

const INCIDENT_WORK: Permission = { roles: OPS_ROLES, assignee: true, security: SECURITY_ROLES };

export const PERMISSIONS = {
  'ops.channel_set': { roles: ['admin', 'pm'] },
  'ops.role_manage': { roles: ['admin'] },
  'ops.audit': { roles: ['admin', 'pm'] },
  'incident.declare': { roles: ANYONE },
  'incident.view': { roles: ANYONE },
  'incident.ack': INCIDENT_WORK,
  'incident.assign': INCIDENT_WORK,
  'incident.advance': INCIDENT_WORK,
  'incident.resolve': INCIDENT_WORK,
  'incident.update': INCIDENT_WORK,
  'incident.summary': INCIDENT_WORK,
  'incident.escalate': INCIDENT_WORK,
  'alert.view': { roles: ANYONE },
  'alert.ack': { roles: OPS_ROLES },
  'alert.silence': { roles: OPS_ROLES },
  'alert.unsilence': { roles: OPS_ROLES },
  'alert.incident': { roles: OPS_ROLES },
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

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

export function isAction(value: string): value is Action {
  return Object.hasOwn(PERMISSIONS, value);
}

export function can(action: Action, who: Who, subject?: Subject): Decision {
  const held = new Set(who.roles);
  if (held.has('admin')) return { allowed: true };
  const rule: Permission = PERMISSIONS[action];
  const security = subject?.category === SECURITY_CATEGORY && rule.security !== undefined;
  const roles = security ? rule.security! : rule.roles;
  if (roles === ANYONE || roles.some((role) => held.has(role))) return { allowed: true };
  if (!security && rule.assignee && subject?.assignee && subject.assignee === who.actorKey) return { allowed: true };
  return { allowed: false, needed: inRoleOrder(roles) };
}

/** Whether being the subject's assignee would have been enough: the refusal says so. */
export function assigneeMay(action: Action, subject?: Subject): boolean {
  const rule: Permission = PERMISSIONS[action];
  return rule.assignee === true && !(subject?.category === SECURITY_CATEGORY && rule.security !== undefined);
}

function inRoleOrder(roles: readonly Role[]): Role[] {
  return ROLES.filter((role) => role === 'admin' || roles.includes(role));
}
