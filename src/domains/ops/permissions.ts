// Who may run Zhiban's own commands: binding channels, managing roles, reading the audit trail.
import type { PermissionRows, Rows } from '../../access/permissions.js';

export const OPS_PERMISSIONS = {
  'ops.channel_set': { roles: ['admin', 'pm'] },
  'ops.role_manage': { roles: ['admin'] },
  'ops.audit': { roles: ['admin', 'pm'] },
} as const satisfies PermissionRows;

declare module '../../access/permissions.js' {
  interface PermissionRegistry extends Rows<typeof OPS_PERMISSIONS> {}
}
