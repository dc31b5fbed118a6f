// Which of the roles that escalations page nobody holds (issue 10: a page that reaches nobody must
// not pass quietly). `/ops whoami` and start-up warn while any of them is empty.
import type { Role } from '../../../access/roles.js';

/** The roles incidents page: first line (sysops, secops, support) and the escalation level (pm). */
export const DUTY_ROLES: readonly Role[] = ['sysops', 'secops', 'support', 'pm'];

/** The roles of DUTY_ROLES that no one holds, in that order; `held(roles)` answers which of them someone holds. */
export async function emptyDutyRoles(held: (roles: readonly Role[]) => Promise<Role[]>): Promise<Role[]> {
  const holding = new Set(await held(DUTY_ROLES));
  return DUTY_ROLES.filter((role) => !holding.has(role));
}
