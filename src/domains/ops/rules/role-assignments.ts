// Granting and revoking roles in chat (`/ops role`): one conditional update per identity, each
// change audited before → after; a change that would change nothing is reported, not written.
import type { UserProfile, UserProfileModel } from '../../../../models/ops/user-profile.js';
import type { AuditTrail } from './audit-trail.js';
import { isRole, type Role } from '../../../access/roles.js';
import { forgetProfiles, type UserDirectory } from './user-directory.js';

export type GrantResult = { outcome: 'granted'; before: Role[]; after: Role[] } | { outcome: 'already' };
export type RevokeResult = { outcome: 'revoked'; from: string[] } | { outcome: 'absent' } | { outcome: 'config' };

export interface RoleHolder {
  key: string;
  /** Stored on this identity. */
  roles: Role[];
  configAdmin: boolean;
  linkedTo: string | undefined;
}

export interface ChangedBy {
  key: string;
  via: string;
}

const LIST_LIMIT = 200;

export class RoleAssignments {
  constructor(
    private readonly profiles: UserProfileModel,
    private readonly users: UserDirectory,
    private readonly audit: AuditTrail,
  ) {}

  async grant(target: string, role: Role, by: ChangedBy): Promise<GrantResult> {
    // Held through a linked identity or ADMIN_USERS counts as held: granting it again would change nothing.
    if ((await this.users.profile(target)).roles.includes(role)) return { outcome: 'already' };
    forgetProfiles();
    const before = await this.profiles
      .findOneAndUpdate({ _id: target }, { $addToSet: { roles: role } }, { upsert: true, returnDocument: 'before' })
      .lean<UserProfile | null>();
    const had = (before?.roles ?? []).filter(isRole);
    // Someone granted it at the same moment; their change is the one on record.
    if (had.includes(role)) return { outcome: 'already' };
    const after = [...had, role].sort();
    await this.record('role.grant', target, had, after, by);
    return { outcome: 'granted', before: had, after };
  }

  /** Takes the role from every linked identity of the person, since roles follow the person. */
  async revoke(target: string, role: Role, by: ChangedBy): Promise<RevokeResult> {
    const group = await this.users.group(target);
    if (role === 'admin' && group.members.some((m) => m.configAdmin)) return { outcome: 'config' };
    forgetProfiles();
    const from: string[] = [];
    for (const member of group.members) {
      const before = await this.profiles
        .findOneAndUpdate({ _id: member.key, roles: role }, { $pull: { roles: role } }, { returnDocument: 'before' })
        .lean<UserProfile | null>();
      if (!before) continue;
      const had = before.roles.filter(isRole);
      await this.record(
        'role.revoke',
        member.key,
        had,
        had.filter((r) => r !== role),
        by,
      );
      from.push(member.key);
    }
    return from.length ? { outcome: 'revoked', from } : { outcome: 'absent' };
  }

  /** Which of `roles` someone holds (stored roles): one read, for the duty-gap warning. */
  async held(roles: readonly Role[]): Promise<Role[]> {
    const found = await this.profiles.distinct('roles', { roles: { $in: [...roles] } });
    return roles.filter((role) => found.includes(role));
  }

  /** Who to page for `roles`: every identity holding one, and the identities linked with it. */
  async onDuty(roles: readonly Role[]): Promise<string[]> {
    const holders = await this.profiles
      .find({ roles: { $in: [...roles] } }, { _id: 1, linkedTo: 1 })
      .limit(LIST_LIMIT)
      .lean<Array<Pick<UserProfile, '_id' | 'linkedTo'>>>();
    const primaries = holders.map((h) => h.linkedTo ?? h._id);
    const linked = await this.profiles
      .find({ $or: [{ _id: { $in: primaries } }, { linkedTo: { $in: primaries } }] }, { _id: 1 })
      .limit(LIST_LIMIT)
      .lean<Array<Pick<UserProfile, '_id'>>>();
    return [...new Set([...holders.map((h) => h._id), ...linked.map((p) => p._id)])].sort();
  }

  /** Everyone holding a role, stored or from ADMIN_USERS, by key. */
  async holders(): Promise<RoleHolder[]> {
    const stored = await this.profiles
      .find({ roles: { $exists: true, $ne: [] } })
      .sort({ _id: 1 })
      .limit(LIST_LIMIT)
      .lean<UserProfile[]>();
    const byKey = new Map<string, RoleHolder>();
    for (const doc of stored) {
      byKey.set(doc._id, {
        key: doc._id,
        roles: doc.roles.filter(isRole).sort(),
        configAdmin: this.users.isConfigAdmin(doc._id),
        linkedTo: doc.linkedTo ?? undefined,
      });
    }
    for (const key of this.users.configAdmins) {
      if (!byKey.has(key)) byKey.set(key, { key, roles: [], configAdmin: true, linkedTo: undefined });
    }
    return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  private async record(
    action: 'role.grant' | 'role.revoke',
    target: string,
    before: Role[],
    after: Role[],
    by: ChangedBy,
  ) {
    await this.audit.record({
      actor: by.key,
      action,
      objectType: 'user',
      objectId: target,
      before: { roles: before },
      after: { roles: after },
      outcome: 'done',
      via: by.via,
    });
  }
}
