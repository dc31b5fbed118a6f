// Who may do what with duty rosters (issue 17): everyone with a role reads them and sets their own
// phone number; project management (and admins, always) set rotations, overrides and imports and
// set another person's phone number; a swap is asked by the person on duty that day.
import type { PermissionRows, Rows } from '../../access/permissions.js';
import { ROLES } from '../../access/roles.js';

/** The duty domain's rows of the permission table. */
export const DUTY_PERMISSIONS = {
  'duty.view': { roles: ROLES },
  'duty.set': { roles: ['pm'] },
  'duty.override': { roles: ['pm'] },
  'duty.import': { roles: ['pm'] },
  'duty.phone': { roles: ROLES },
  'duty.phone_other': { roles: ['admin'] },
} as const satisfies PermissionRows;

declare module '../../access/permissions.js' {
  interface PermissionRegistry extends Rows<typeof DUTY_PERMISSIONS> {}
}
