// Who may ask for a report (issue 16): project management and admins every kind; system operations
// the daily digest too (it is their morning's picture). Posting it to `reports` is the same right.
import type { PermissionRows, Rows } from '../../access/permissions.js';

export const REPORT_PERMISSIONS = {
  'report.daily': { roles: ['admin', 'pm', 'sysops'] },
  'report.weekly': { roles: ['admin', 'pm'] },
  'report.quarterly': { roles: ['admin', 'pm'] },
} as const satisfies PermissionRows;

declare module '../../access/permissions.js' {
  interface PermissionRegistry extends Rows<typeof REPORT_PERMISSIONS> {}
}
