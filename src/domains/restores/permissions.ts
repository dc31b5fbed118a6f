// Who may do what with restores (issue 13): data operations, system operations, support and
// project management ask; approvers and project management approve (RESTORE_APPROVER_ROLES
// replaces that default, and the approval engine checks the roles the request was made with);
// data operations carry an approved restore out by hand when there is no executor and verify it,
// as the requester may; anyone with a role reads them.
import type { PermissionRows, Rows } from '../../access/permissions.js';
import { ROLES } from '../../access/roles.js';

export const RESTORE_PERMISSIONS = {
  'restore.request': { roles: ['pm', 'sysops', 'dataops', 'support'] },
  'restore.view': { roles: ROLES },
  'restore.approve': { roles: ['pm', 'approver'] },
  'restore.reject': { roles: ['pm', 'approver'] },
  'restore.execute': { roles: ['dataops'] },
  'restore.verify': { roles: ['dataops'] },
} as const satisfies PermissionRows;

declare module '../../access/permissions.js' {
  interface PermissionRegistry extends Rows<typeof RESTORE_PERMISSIONS> {}
}
