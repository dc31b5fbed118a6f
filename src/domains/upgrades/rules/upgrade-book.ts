// Where every upgrade rule reads and writes: an upgrade by id, one conditional update that adds a
// line to its timeline and a new version, the audit record of it, and the observers told after
// (the announcer). A rule that loses a race gets null and says what is there now.
import type { Upgrade, UpgradeModel, UpgradeStep } from '../../../../models/upgrades/upgrade.js';
import type { Clock } from '../../../kernel/clock.js';
import { UserError } from '../../../chat/user-error.js';
import type { AuditEntry, AuditTrail } from '../../ops/rules/audit-trail.js';

/** Who acted: a person (`platform:id` from a platform) or Zhiban's jobs (`system`, `job`). */
export interface Actor {
  key: string;
  via: string;
}

/** Told of every change after it is stored: the card, its thread. */
export interface UpgradeObserver {
  changed(upgrade: Upgrade, step: UpgradeStep): Promise<void>;
}

/** `upg-3`, `UPG-3` and `3` all name UPG-3. */
export function normalizeUpgradeId(raw: string): string {
  const match = /^(?:upg-?)?(\d{1,9})$/i.exec(raw.trim());
  return match ? `UPG-${Number(match[1])}` : raw.trim().slice(0, 20);
}

export class UpgradeBook {
  private readonly observers: UpgradeObserver[] = [];

  constructor(
    readonly model: UpgradeModel,
    private readonly audit: AuditTrail,
    readonly clock: Clock,
  ) {}

  observe(observer: UpgradeObserver): void {
    this.observers.push(observer);
  }

  /** The upgrade, or a UserError `upgrade.errors.not_found`. */
  async get(id: string): Promise<Upgrade> {
    const found = await this.model.findById(normalizeUpgradeId(id)).lean<Upgrade>();
    if (!found) throw new UserError('upgrade.errors.not_found', { id: id.slice(0, 20) });
    return found;
  }

  /**
   * Applies `set` and adds `step` to the timeline if the upgrade still matches `expect`; answers
   * the upgrade after, or null when it no longer matches (someone else changed it first). A change
   * people act on raises the version its buttons carry; a reminder (`bump` false) does not, so a
   * form opened before it (Complete, during an overrun) is not turned down as out of date.
   */
  change(id: string, expect: Record<string, unknown>, set: Record<string, unknown>, step: UpgradeStep, bump = true) {
    return this.model
      .findOneAndUpdate(
        { _id: id, ...expect },
        {
          $set: { ...set, updatedAt: step.at },
          $push: { timeline: step },
          ...(bump ? { $inc: { version: 1 } } : {}),
        },
        { returnDocument: 'after' },
      )
      .lean<Upgrade>();
  }

  /** A timeline line dated now. */
  step(actor: Actor, kind: UpgradeStep['kind'], extra: Partial<UpgradeStep> = {}): UpgradeStep {
    return { at: this.clock.now(), actor: actor.key, kind, ...extra };
  }

  record(entry: Omit<AuditEntry, 'objectType' | 'outcome'> & { outcome?: AuditEntry['outcome'] }): Promise<void> {
    return this.audit.record({ objectType: 'upgrade', outcome: 'done', ...entry });
  }

  /** Tells the observers, in order; each is awaited, so what they store is stored when this resolves. */
  async told(upgrade: Upgrade, step: UpgradeStep): Promise<void> {
    for (const observer of this.observers) await observer.changed(upgrade, step);
  }
}
