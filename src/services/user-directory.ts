// People: their chosen language and their roles (stored ones plus the bootstrap admins of ADMIN_USERS).
import type { Locale } from '../i18n.js';
import type { UserProfileModel } from '../../models/user-profile.js';
import type { AuditTrail } from './audit-trail.js';
import type { Role } from './roles.js';

export interface Profile {
  key: string;
  locale: Locale | undefined;
  roles: Role[];
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

  async profile(key: string): Promise<Profile> {
    const stored = await this.profiles.findById(key).lean();
    const roles = new Set((stored?.roles ?? []) as Role[]);
    if (this.admins.has(key)) roles.add('admin');
    return { key, locale: (stored?.locale as Locale | undefined) ?? undefined, roles: [...roles].sort() };
  }

  async setLocale(key: string, locale: Locale, via: string): Promise<void> {
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
}
