// Who may read and change backups (issue 12): anyone with a role reads status, policies and the
// report; data operations (seed 2.3 (3): the data ops group runs the backups) and admins change a policy.
import type { PermissionRows, Rows } from '../../access/permissions.js';
import { ROLES } from '../../access/roles.js';

export const BACKUP_PERMISSIONS = {
  'backup.view': { roles: ROLES },
  'backup.policy_set': { roles: ['admin', 'dataops'] },
} as const satisfies PermissionRows;

declare module '../../access/permissions.js' {
  interface PermissionRegistry extends Rows<typeof BACKUP_PERMISSIONS> {}
}
