// The ops domain: people and their roles, identity links, channel bindings and the audit trail —
// what every other domain leans on — and `/ops`. Built first: the others use its services.
import { registerOps } from '../../../handlers/ops/register.js';
import { bindOpsModels } from '../../../models/ops/index.js';
import type { DomainModule } from '../module.js';
import { OPS_PERMISSIONS } from './permissions.js';
import { AuditReader } from './rules/audit-export.js';
import { AuditTrail } from './rules/audit-trail.js';
import { ChannelDirectory } from './rules/channel-directory.js';
import { IdentityLinks } from './rules/identity-links.js';
import { RoleAssignments } from './rules/role-assignments.js';
import { UserDirectory } from './rules/user-directory.js';

export interface OpsServices {
  audit: AuditTrail;
  /** The trail by filters: `/ops audit` and the console's CSV download. */
  reader: AuditReader;
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
  build({ models, clock, config, adminUsers, consoleUrl }) {
    const audit = new AuditTrail(models.AuditEvent, clock);
    const users = new UserDirectory(models.UserProfile, audit, [...adminUsers]);
    const reader = new AuditReader({
      audit,
      identities: async (key) => (await users.group(key)).members.map((member) => member.key),
      timezone: config.timezone,
      clock,
    });
    const services: OpsServices = {
      audit,
      reader,
      users,
      channels: new ChannelDirectory(models.ChannelBinding, models.ChannelLanguage, audit, clock),
      roles: new RoleAssignments(models.UserProfile, users, audit),
      links: new IdentityLinks(models.LinkCode, users, audit, clock),
    };
    return {
      provides: { ops: services },
      register: (router) =>
        registerOps(router, {
          ...services,
          timezone: config.timezone,
          teamLocale: config.defaultLocale,
          clock,
          consoleUrl,
        }),
    };
  },
};
