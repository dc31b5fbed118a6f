// Announcing an upgrade (issue 14, "Announce"): the window and the version checked, an overlap on
// the same system refused with the other window named, a rollback plan asked for medium and high
// risk; then the upgrade gets its id (UPG-n) and is announced, or, when its risk is high, waits as a
// draft for a pm's approval (the approval engine; the deadline is the window's start). A retried
// request (same platform request id) answers the first one's upgrade instead of making a second.
import type { CounterModel } from '../../../../models/core/counter.js';
import { claimRequestKey, type RequestKeyModel } from '../../../../models/core/request-key.js';
import {
  HOLDING_STATES,
  type Risk,
  type Upgrade,
  type UpgradePlan,
  type UpgradeStep,
} from '../../../../models/upgrades/upgrade.js';
import { UserError } from '../../../chat/user-error.js';
import type { ApprovalServices } from '../../approvals/module.js';
import { firstReminder } from './reminders.js';
import type { VersionRegistry } from './registry.js';
import type { Actor, UpgradeBook } from './upgrade-book.js';
import { checkVersion } from './version-rule.js';
import { checkWindow } from './window-check.js';
import { formatTime } from '../../../chat/time.js';

export interface AnnounceInput {
  system: string;
  version: string;
  start: Date;
  end: Date;
  summary: string;
  risk: Risk;
  plan: UpgradePlan;
}

export interface UpgradeAnnouncingDeps {
  book: UpgradeBook;
  registry: VersionRegistry;
  counters: CounterModel;
  requestKeys: RequestKeyModel;
  approvals: Pick<ApprovalServices, 'voter'>;
  timezone: string;
}

/** Who approves a high-risk upgrade (issue 14: "the approval of a pm"); admins may always. */
export const UPGRADE_APPROVER_ROLES = ['pm'] as const;

export class UpgradeAnnouncing {
  constructor(private readonly deps: UpgradeAnnouncingDeps) {}

  /**
   * Checks and stores the upgrade; answers it, or the one a retry of the same request made
   * (`repeated`). Throws a UserError for each check that fails; nothing is stored then.
   */
  async announce(
    input: AnnounceInput,
    actor: Actor,
    requestKey?: string,
  ): Promise<{ upgrade: Upgrade; repeated: boolean }> {
    const { book, requestKeys, timezone } = this.deps;
    if (requestKey) {
      const seen = await requestKeys.findById(requestKey).lean();
      if (seen) return { upgrade: await book.get(seen.result), repeated: true };
    }
    const now = book.clock.now();
    checkWindow(input.start, input.end, now, timezone);
    const context = await this.deps.registry.context(input.system);
    const problem = checkVersion(input.version, context);
    if (problem) {
      throw new UserError(`upgrade.errors.version_${problem.kind}`, {
        version: input.version,
        system: input.system,
        ...(problem.kind === 'not_pattern' ? { pattern: problem.pattern } : {}),
        ...(problem.kind === 'not_newer' ? { current: problem.current } : {}),
      });
    }
    if (input.risk !== 'low' && !input.plan.rollbackPlan) {
      throw new UserError('upgrade.errors.rollback_plan_needed', { risk: input.risk });
    }
    await this.refuseOverlap(input);
    const high = input.risk === 'high';
    const step: UpgradeStep = { at: now, actor: actor.key, kind: 'announced', text: input.summary };
    const author = high ? await this.deps.approvals.voter(actor.key) : undefined;
    const upgrade = await this.store((id) => ({
      _id: id,
      system: input.system,
      toVersion: input.version,
      ...(context.current ? { fromVersion: context.current } : {}),
      summary: input.summary,
      plan: input.plan,
      risk: input.risk,
      start: input.start,
      end: input.end,
      state: high ? 'pending_approval' : 'scheduled',
      author: actor.key,
      ...(author
        ? {
            approval: {
              state: 'pending',
              approverRoles: [...UPGRADE_APPROVER_ROLES],
              required: 1,
              requester: actor.key,
              requesterIdentities: author.identities,
              expiresAt: input.start,
              approvals: [],
            },
          }
        : {}),
      nextReminder: high ? null : firstReminder(input.start, now),
      version: 0,
      timeline: [step],
      createdAt: now,
      updatedAt: now,
    }));
    const id = upgrade._id;
    // Two announcements of one system at once both passed the check above: each looks again now
    // that its own is stored, and one that sees another gives way (at worst both do, and each
    // person is told to try again; never are both announced).
    try {
      await this.refuseOverlap(input, id);
    } catch (error) {
      await book.model.deleteOne({ _id: id });
      throw error;
    }
    if (requestKey) {
      // The same request raced us and won: its upgrade stands, ours goes.
      const winner = await claimRequestKey(requestKeys, requestKey, id, now, () => book.model.deleteOne({ _id: id }));
      if (winner) return { upgrade: await book.get(winner), repeated: true };
    }
    await book.record({
      actor: actor.key,
      action: 'upgrade.announce',
      objectId: id,
      after: {
        upgrade: upgrade.state,
        system: input.system,
        version: input.version,
        risk: input.risk,
        start: formatTime(input.start, timezone),
        end: formatTime(input.end, timezone),
      },
      reason: input.summary,
      via: actor.via,
    });
    await book.told(upgrade, step);
    return { upgrade, repeated: false };
  }

  /**
   * Stores the upgrade `make` describes under the next UPG number. A number that another
   * announcement was given too (the counter's upsert is not atomic across connections on the
   * embedded engine) fails on the unique id and is skipped for the next one.
   */
  private async store(make: (id: string) => Record<string, unknown>): Promise<Upgrade> {
    for (let attempt = 1; ; attempt++) {
      const id = `UPG-${await this.deps.counters.next('UPG')}`;
      try {
        return (await this.deps.book.model.create(make(id))).toObject() as Upgrade;
      } catch (error) {
        if ((error as { code?: number }).code !== 11000 || attempt >= 5) throw error;
      }
    }
  }

  /** An announced window of the same system that shares any instant with this one is named and refused. */
  async refuseOverlap(input: Pick<AnnounceInput, 'system' | 'start' | 'end'>, self?: string): Promise<void> {
    const other = await this.deps.book.model
      .findOne({
        system: input.system,
        state: { $in: HOLDING_STATES },
        start: { $lt: input.end },
        end: { $gt: input.start },
        ...(self ? { _id: { $ne: self } } : {}),
      })
      .lean<Upgrade>();
    if (other) {
      const zone = this.deps.timezone;
      throw new UserError('upgrade.errors.overlap', {
        other: other._id,
        system: other.system,
        start: formatTime(other.start, zone),
        end: formatTime(other.end, zone),
      });
    }
  }
}
