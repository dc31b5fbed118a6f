// `/ops role grant|revoke <user> <role>` and `/ops role list [user]`: admins only, every change audited.
import type { CommandContext } from '../../src/chat/context.js';
import { parseUserRef } from '../../src/chat/mentions.js';
import { requireUserRef } from '../../src/chat/preconditions.js';
import { dispatchSubcommand } from '../../src/chat/subcommands.js';
import { UserError } from '../../src/chat/user-error.js';
import { roleListMessage, roleName } from '../../src/domains/ops/cards/roles.js';
import type { RoleAssignments } from '../../src/domains/ops/rules/role-assignments.js';
import { isRole, ROLES, type Role } from '../../src/access/roles.js';
import type { UserDirectory } from '../../src/domains/ops/rules/user-directory.js';

export interface RoleCommandServices {
  users: UserDirectory;
  roles: RoleAssignments;
}

const USAGE = 'ops_role';

export async function roleCommand(ctx: CommandContext, rest: string[], services: RoleCommandServices): Promise<void> {
  const { users, roles } = services;
  // Checked before the arguments, so someone without the role learns nothing from the error.
  const target = rest[1] === undefined ? undefined : parseUserRef(rest[1], ctx.actor.platform);
  await ctx.authorize('ops.role_manage', { objectType: 'user', objectId: target ?? 'role' });
  const by = { key: ctx.actorKey, via: ctx.actor.platform };

  await dispatchSubcommand(
    ctx,
    rest,
    {
      grant: async (c, [typedUser, typedRole]) => {
        const user = requireUserRef(c, typedUser, USAGE);
        const role = requireRole(typedRole);
        const result = await roles.grant(user, role, by);
        const key = result.outcome === 'granted' ? 'role_cmd.granted' : 'role_cmd.already';
        await c.replyPrivate({ text: c.t(key, { user, role: roleName(c.t, role) }) });
      },
      revoke: async (c, [typedUser, typedRole]) => {
        const user = requireUserRef(c, typedUser, USAGE);
        const role = requireRole(typedRole);
        const result = await roles.revoke(user, role, by);
        if (result.outcome === 'config') throw new UserError('role_cmd.config_admin', { user });
        const key = result.outcome === 'revoked' ? 'role_cmd.revoked' : 'role_cmd.absent';
        await c.replyPrivate({ text: c.t(key, { user, role: roleName(c.t, role) }) });
      },
      list: async (c, [typedUser]) => {
        if (typedUser === undefined) {
          const holders = await roles.holders();
          const lines = holders.map((h) => ({ ...h, linked: h.linkedTo ? [h.linkedTo] : [] }));
          await c.replyPrivate(roleListMessage(c.t, c.t('role_cmd.list_title'), lines));
          return;
        }
        const user = requireUserRef(c, typedUser, USAGE);
        const group = await users.group(user);
        const lines = group.members.map((m) => ({
          ...m,
          linked: group.members.filter((o) => o.key !== m.key).map((o) => o.key),
        }));
        await c.replyPrivate(roleListMessage(c.t, c.t('role_cmd.user_title', { user }), lines));
      },
    },
    { name: 'ops role', usage: USAGE },
  );
}

function requireRole(typed: string | undefined): Role {
  const all = ROLES.join(', ');
  if (typed === undefined) throw new UserError('role_cmd.errors.missing_role', { roles: all }, USAGE);
  const role = typed.toLowerCase();
  if (!isRole(role))
    throw new UserError('role_cmd.errors.unknown_role', { value: typed.slice(0, 40), roles: all }, USAGE);
  return role;
}
