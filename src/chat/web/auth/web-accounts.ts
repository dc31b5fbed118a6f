// The console's password accounts. `admin` is the first admin and always signs in with
// WEB_ADMIN_PASSWORD (change the variable and restart to rotate it); admins add everyone else.
import type { Secret } from '../../../config/secret.js';
import type { Clock } from '../../../kernel/clock.js';
import type { AuditTrail } from '../../../domains/ops/rules/audit-trail.js';
import type { WebUser, WebUserModel } from '../../../../models/web/web-user.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';
import type { WebSessions } from './web-sessions.js';
import type { DoneAction } from '../../../domains/ops/audit-vocabulary.js';

export const FIRST_ADMIN = 'admin';

export type ResetOutcome = 'done' | 'missing' | 'from_config';

export class WebAccounts {
  constructor(
    private readonly model: WebUserModel,
    private readonly sessions: WebSessions,
    private readonly audit: Pick<AuditTrail, 'record'>,
    private readonly clock: Clock,
  ) {}

  /** At start: `admin` exists and its password is the configured one (old sessions end when it changed). */
  async ensureFirstAdmin(password: Secret): Promise<void> {
    const current = await this.model.findById(FIRST_ADMIN).lean<WebUser | null>();
    if (current && (await verifyPassword(current.passwordHash, password.reveal()))) return;
    const now = this.clock.now();
    const passwordHash = await hashPassword(password.reveal());
    await this.model.updateOne(
      { _id: FIRST_ADMIN },
      { $set: { passwordHash, passwordSetAt: now }, $setOnInsert: { createdBy: 'system', createdAt: now } },
      { upsert: true },
    );
    if (current) await this.sessions.closeAllOf(FIRST_ADMIN);
  }

  async verify(name: string, password: string): Promise<boolean> {
    const user = await this.model.findById(name).lean<WebUser | null>();
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
    return ok && user !== null;
  }

  /** False when the name is taken. */
  async create(name: string, password: string, by: string): Promise<boolean> {
    const now = this.clock.now();
    try {
      await this.model.create({
        _id: name,
        passwordHash: await hashPassword(password),
        createdBy: by,
        createdAt: now,
        passwordSetAt: now,
      });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
    await this.record(by, 'web_user.create', name);
    return true;
  }

  async resetPassword(name: string, password: string, by: string): Promise<ResetOutcome> {
    if (name === FIRST_ADMIN) return 'from_config';
    const passwordHash = await hashPassword(password);
    const result = await this.model.updateOne(
      { _id: name },
      { $set: { passwordHash, passwordSetAt: this.clock.now() } },
    );
    if (result.matchedCount === 0) return 'missing';
    await this.sessions.closeAllOf(name);
    await this.record(by, 'web_user.reset_password', name);
    return 'done';
  }

  list(): Promise<WebUser[]> {
    return this.model.find({}, { passwordHash: 0 }).sort({ _id: 1 }).lean<WebUser[]>();
  }

  private async record(actor: string, action: DoneAction, name: string): Promise<void> {
    await this.audit.record({
      actor,
      action,
      objectType: 'user',
      objectId: `web:${name}`,
      outcome: 'done',
      via: 'web',
    });
  }
}
