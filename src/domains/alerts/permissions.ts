// Who may act on alert groups and silences (issue 4): anyone reads; the on-duty groups and project
// management acknowledge, silence and open incidents. Groups have no category or assignee.
import { ANYONE, OPS_ROLES, type PermissionRows, type Rows } from '../../access/permissions.js';

export const ALERT_PERMISSIONS = {
  'alert.view': { roles: ANYONE },
  'alert.ack': { roles: OPS_ROLES },
  'alert.silence': { roles: OPS_ROLES },
  'alert.unsilence': { roles: OPS_ROLES },
  'alert.incident': { roles: OPS_ROLES },
} as const satisfies PermissionRows;

declare module '../../access/permissions.js' {
  interface PermissionRegistry extends Rows<typeof ALERT_PERMISSIONS> {}
}
