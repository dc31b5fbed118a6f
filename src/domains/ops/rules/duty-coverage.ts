// Which of the roles that escalations page nobody holds (issue 10: a page that reaches nobody must
// not pass quietly). `/ops whoami` and start-up warn while any of them is empty.
import type { Role } from '../../../access/roles.js';

/** The roles incidents page: first line (sysops, secops, support) and the escalation level (pm). */
export const DUTY_ROLES: readonly Role[] = ['sysops', 'secops', 'support', 'pm'];

/** The roles of DUTY_ROLES that no one holds, in that order; `holders(role)` lists a role's people. */
export async function emptyDutyRoles(holders: (roles: readonly Role[]) => Promise<string[]>): Promise<Role[]> {
  const empty: Role[] = [];
  for (const role of DUTY_ROLES) if ((await holders([role])).length === 0) empty.push(role);
  return empty;
}
