// The ops domain: people and their roles, identity links, channel bindings and the audit trail —
// what every other domain leans on — and `/ops`. Built first: the others use its services.
import { registerOps } from '../../../handlers/ops/register.js';
import { bindOpsModels } from '../../../models/ops/index.js';
import type { DomainModule } from '../module.js';
import { OPS_PERMISSIONS } from './permissions.js';
import { AuditTrail } from './rules/audit-trail.js';
import { ChannelDirectory } from './rules/channel-directory.js';
import { IdentityLinks } from './rules/identity-links.js';
import { RoleAssignments } from './rules/role-assignments.js';
import { UserDirectory } from './rules/user-directory.js';

export interface OpsServices {
  audit: AuditTrail;
  users: UserDirectory;
  channels: ChannelDirectory;
  roles: RoleAssignments;
  links: IdentityLinks;
}

declare module '../module.js' {
  interface DomainServices {
    ops: OpsServices;
  }
}

export const ops: DomainModule = {
  name: 'ops',
  commands: { ops: ['help', 'whoami', 'lang', 'channel', 'role', 'link', 'audit'] },
  permissions: OPS_PERMISSIONS,
  models: bindOpsModels,
  build({ models, clock, config, adminUsers }) {
    const audit = new AuditTrail(models.AuditEvent, clock);
    const users = new UserDirectory(models.UserProfile, audit, [...adminUsers]);
    const services: OpsServices = {
      audit,
      users,
      channels: new ChannelDirectory(models.ChannelBinding, audit, clock),
      roles: new RoleAssignments(models.UserProfile, users, audit),
      links: new IdentityLinks(models.LinkCode, users, audit, clock),
    };
    return {
      provides: { ops: services },
      register: (router) => registerOps(router, { ...services, timezone: config.timezone }),
    };
  },
};
