// People: their chosen language and their roles (stored ones plus the bootstrap admins of ADMIN_USERS),
// merged across the identities one person has linked on different platforms (`/ops link`).
import type { Locale } from '../../../kernel/i18n.js';
import type { UserProfile, UserProfileModel } from '../../../../models/ops/user-profile.js';
import type { AuditTrail } from './audit-trail.js';
import { isRole, type Role } from '../../../access/roles.js';
import { forgetRemembered, remembered } from '../../../kernel/operation.js';

/** What remembered() keeps a person's identities under, within one operation. */
const GROUP_MEMO = 'profile-group:';

/** After any change to stored profiles: the operation reads them afresh. */
export function forgetProfiles(): void {
  forgetRemembered(GROUP_MEMO);
}

export interface Profile {
  key: string;
  locale: Locale | undefined;
  roles: Role[];
}

/** One identity of a person, as stored: its own roles, not those it gets through a link. */
export interface Identity {
  key: string;
  roles: Role[];
  locale: Locale | undefined;
  /** Listed in ADMIN_USERS: admin by configuration, not revocable in chat. */
  configAdmin: boolean;
}

/** The identities of one person: the first one linked to (`primary`), and every one linked to it. */
export interface IdentityGroup {
  primary: string;
  members: Identity[];
}

export class UserDirectory {
  private readonly admins: ReadonlySet<string>;

  constructor(
    private readonly profiles: UserProfileModel,
    private readonly audit: AuditTrail,
    adminUsers: readonly string[],
  ) {
    this.admins = new Set(adminUsers);
  }

  get configAdmins(): readonly string[] {
    return [...this.admins].sort();
  }

  isConfigAdmin(key: string): boolean {
    return this.admins.has(key);
  }

  /** Roles are the union over the person's linked identities; the language is this identity's, else the group's. */
  async profile(key: string): Promise<Profile> {
    const group = await this.group(key);
    const roles = new Set<Role>();
    for (const member of group.members) {
      for (const role of member.roles) roles.add(role);
      if (member.configAdmin) roles.add('admin');
    }
    const own = group.members.find((m) => m.key === key);
    const primary = group.members.find((m) => m.key === group.primary);
    const locale = own?.locale ?? primary?.locale ?? group.members.find((m) => m.locale)?.locale;
    return { key, locale, roles: [...roles].sort() };
  }

  /**
   * One query for a person who never linked; two for one who did; none when the same operation
   * (src/kernel/operation.ts) read them already: the router, the rules and the answer's wording all
   * need the person.
   */
  group(key: string): Promise<IdentityGroup> {
    return remembered(GROUP_MEMO + key, () => this.readGroup(key));
  }

  private async readGroup(key: string): Promise<IdentityGroup> {
    let docs = await this.profiles.find({ $or: [{ _id: key }, { linkedTo: key }] }).lean<UserProfile[]>();
    let primary = key;
    const linkedTo = docs.find((d) => d._id === key)?.linkedTo;
    if (linkedTo) {
      primary = linkedTo;
      docs = await this.profiles.find({ $or: [{ _id: primary }, { linkedTo: primary }] }).lean<UserProfile[]>();
    }
    const byKey = new Map(docs.map((d) => [d._id, d]));
    const keys = [primary, ...[...byKey.keys()].filter((k) => k !== primary).sort()];
    if (!keys.includes(key)) keys.push(key);
    return { primary, members: keys.map((k) => this.identity(k, byKey.get(k))) };
  }

  /**
   * Puts `member` into the group whose first identity is `primary`. Conditional: an identity
   * already linked elsewhere is left alone and false is returned.
   */
  async attach(member: string, primary: string): Promise<boolean> {
    forgetProfiles();
    try {
      const result = await this.profiles.updateOne(
        { _id: member, linkedTo: { $exists: false } },
        { $set: { linkedTo: primary } },
        { upsert: true },
      );
      return result.modifiedCount + result.upsertedCount === 1;
    } catch (error) {
      // The upsert collided with an existing, already linked profile.
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
  }

  async setLocale(key: string, locale: Locale, via: string): Promise<void> {
    forgetProfiles();
    const before = await this.profiles.findOneAndUpdate(
      { _id: key },
      { $set: { locale } },
      { upsert: true, returnDocument: 'before' },
    );
    await this.audit.record({
      actor: key,
      action: 'user.set_locale',
      objectType: 'user',
      objectId: key,
      before: { locale: before?.locale ?? null },
      after: { locale },
      outcome: 'done',
      via,
    });
  }

  private identity(key: string, doc: UserProfile | undefined): Identity {
    return {
      key,
      roles: (doc?.roles ?? []).filter(isRole),
      locale: (doc?.locale as Locale | undefined) ?? undefined,
      configAdmin: this.admins.has(key),
    };
  }
}
