// Who may act on alert groups and silences (issue 4): anyone reads; the on-duty groups and project
// management acknowledge, silence and open incidents — and data operations, whose backup findings
// are alert groups too (issue 12). Groups have no category or assignee.
import { ANYONE, type PermissionRows, type Rows } from '../../access/permissions.js';
import type { Role } from '../../access/roles.js';

/** The incident workers (OPS_ROLES) and dataops, in the order of the roles list. */
const ALERT_WORKERS = ['admin', 'pm', 'sysops', 'secops', 'dataops', 'support'] as const satisfies readonly Role[];

export const ALERT_PERMISSIONS = {
  'alert.view': { roles: ANYONE },
  'alert.ack': { roles: ALERT_WORKERS },
  'alert.silence': { roles: ALERT_WORKERS },
  'alert.unsilence': { roles: ALERT_WORKERS },
  'alert.incident': { roles: ALERT_WORKERS },
} as const satisfies PermissionRows;

declare module '../../access/permissions.js' {
  interface PermissionRegistry extends Rows<typeof ALERT_PERMISSIONS> {}
}
