// Who may work incidents (issue 3): anyone declares and reads; the on-duty groups, project
// management and the incident's assignee work it; security incidents are network security's alone.
import {
  ANYONE,
  OPS_ROLES,
  SECURITY_ROLES,
  type Permission,
  type PermissionRows,
  type Rows,
} from '../../access/permissions.js';

const INCIDENT_WORK: Permission = { roles: OPS_ROLES, assignee: true, security: SECURITY_ROLES };

export const INCIDENT_PERMISSIONS = {
  'incident.declare': { roles: ANYONE },
  'incident.view': { roles: ANYONE },
  'incident.ack': INCIDENT_WORK,
  'incident.assign': INCIDENT_WORK,
  'incident.advance': INCIDENT_WORK,
  'incident.resolve': INCIDENT_WORK,
  'incident.update': INCIDENT_WORK,
  'incident.summary': INCIDENT_WORK,
  'incident.escalate': INCIDENT_WORK,
} as const satisfies PermissionRows;

declare module '../../access/permissions.js' {
  interface PermissionRegistry extends Rows<typeof INCIDENT_PERMISSIONS> {}
}
