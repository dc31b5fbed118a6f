// The version registry's rules: what a system runs and its naming rule, the new version recorded
// when an upgrade completes (never when it is rolled back), a system's own pattern set by a person,
// and the history `/upgrade history` tells.
import type { SystemVersion, SystemVersionModel } from '../../../../models/upgrades/system-version.js';
import type { Upgrade, UpgradeModel } from '../../../../models/upgrades/upgrade.js';
import type { Clock } from '../../../kernel/clock.js';
import { UserError } from '../../../chat/user-error.js';
import type { AuditTrail } from '../../ops/rules/audit-trail.js';
import type { Actor } from './upgrade-book.js';
import { compilePattern, type VersionContext } from './version-rule.js';

/** Upgrades `/upgrade history` shows, newest first. */
export const HISTORY_SHOWN = 20;

export class VersionRegistry {
  constructor(
    private readonly versions: SystemVersionModel,
    private readonly upgrades: UpgradeModel,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** What a new version of `system` is checked against: its pattern, what it runs, what it ran. */
  async context(system: string): Promise<VersionContext> {
    const [entry, ran] = await Promise.all([
      this.versions.findById(system).lean<SystemVersion>(),
      this.upgrades.distinct('toVersion', { system, state: 'completed' }),
    ]);
    return { pattern: entry?.pattern, current: entry?.current, ran: ran as string[] };
  }

  current(system: string): Promise<SystemVersion | null> {
    return this.versions.findById(system).lean<SystemVersion>();
  }

  /**
   * Records that `upgrade` went live: the system runs its version from `at`. Conditional on the
   * registry not having moved past it already (a later upgrade completed first keeps its version).
   */
  async completed(upgrade: Upgrade, at: Date): Promise<void> {
    await this.versions.updateOne(
      { _id: upgrade.system, $or: [{ since: { $exists: false } }, { since: null }, { since: { $lte: at } }] },
      { $set: { current: upgrade.toVersion, since: at, upgradeId: upgrade._id, updatedAt: at } },
      { upsert: false },
    );
    // A system's first version: nothing to be conditional on.
    await this.versions.updateOne(
      { _id: upgrade.system },
      { $setOnInsert: { current: upgrade.toVersion, since: at, upgradeId: upgrade._id, updatedAt: at } },
      { upsert: true },
    );
  }

  /** Sets (or, with `default`, removes) the system's own version pattern. Throws `bad_pattern`. */
  async setPattern(system: string, pattern: string, actor: Actor): Promise<string | undefined> {
    const now = this.clock.now();
    const before = (await this.current(system))?.pattern;
    const reset = pattern === 'default' || pattern === 'semver';
    if (!reset && !compilePattern(pattern)) throw new UserError('upgrade.errors.bad_pattern', { pattern });
    await this.versions.updateOne(
      { _id: system },
      reset
        ? { $unset: { pattern: 1, patternBy: 1 }, $set: { updatedAt: now } }
        : { $set: { pattern, patternBy: actor.key, updatedAt: now } },
      { upsert: true },
    );
    await this.audit.record({
      actor: actor.key,
      action: 'upgrade.rule',
      objectType: 'system',
      objectId: system,
      before: { value: before ?? 'semver' },
      after: { value: reset ? 'semver' : pattern },
      outcome: 'done',
      via: actor.via,
    });
    return reset ? undefined : pattern;
  }

  /** The system's completed and rolled-back upgrades, newest first. */
  history(system: string): Promise<Upgrade[]> {
    return this.upgrades
      .find({ system, state: { $in: ['completed', 'rolled_back'] } })
      .sort({ endedAt: -1 })
      .limit(HISTORY_SHOWN)
      .lean<Upgrade[]>();
  }
}
