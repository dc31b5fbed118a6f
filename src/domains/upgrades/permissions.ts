// Who may do what with upgrades (issue 14): system operations and project management announce,
// cancel and set a system's version rule; system operations carry the window out (start, complete,
// roll back); a pm approves a high-risk upgrade; anyone with a role reads them. Admins may always.
import type { PermissionRows, Rows } from '../../access/permissions.js';
import { ROLES } from '../../access/roles.js';

export const UPGRADE_PERMISSIONS = {
  'upgrade.announce': { roles: ['pm', 'sysops'] },
  'upgrade.view': { roles: ROLES },
  'upgrade.run': { roles: ['sysops'] },
  'upgrade.cancel': { roles: ['pm', 'sysops'] },
  'upgrade.approve': { roles: ['pm'] },
  'upgrade.rule': { roles: ['pm', 'sysops'] },
} as const satisfies PermissionRows;

declare module '../../access/permissions.js' {
  interface PermissionRegistry extends Rows<typeof UPGRADE_PERMISSIONS> {}
}
