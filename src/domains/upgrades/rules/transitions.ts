// An upgrade's window, moved by people (issue 14, "Around the window"): Start (from 15 minutes
// before the window opens), Complete (verified, with notes: the registry records the new version),
// Roll back (why: the registry keeps the old one), and Cancel before it starts. Each is one
// conditional update from the state (and, from a card, the version) it was asked on, so twenty
// clicks at once give one transition and the others are told who moved it.
import type { Upgrade, UpgradeState, UpgradeStep } from '../../../../models/upgrades/upgrade.js';
import { formatTime } from '../../../chat/time.js';
import { UserError } from '../../../chat/user-error.js';
import { overrunAfter } from './reminders.js';
import type { VersionRegistry } from './registry.js';
import type { Actor, UpgradeBook } from './upgrade-book.js';
import { checkVersion } from './version-rule.js';

/** How early Start is accepted before the window opens (issue 14). */
export const EARLY_START_MS = 15 * 60_000;

export interface CompleteInput {
  verified: boolean;
  notes?: string | undefined;
}

export class UpgradeTransitions {
  constructor(
    private readonly book: UpgradeBook,
    private readonly registry: VersionRegistry,
    private readonly timezone: string,
  ) {}

  /** scheduled → in_progress, from 15 minutes before the start; the overrun reminder is set for the end. */
  async start(id: string, actor: Actor, version?: number): Promise<Upgrade> {
    const upgrade = await this.book.get(id);
    const now = this.book.clock.now();
    const opens = new Date(upgrade.start.getTime() - EARLY_START_MS);
    if (upgrade.state === 'scheduled' && now.getTime() < opens.getTime()) {
      throw new UserError('upgrade.errors.too_early', {
        id: upgrade._id,
        start: formatTime(upgrade.start, this.timezone),
        opens: formatTime(opens, this.timezone),
      });
    }
    // What the system runs now, not when it was announced: another upgrade may have completed since.
    const context = await this.registry.context(upgrade.system);
    const problem = checkVersion(upgrade.toVersion, { current: context.current, ran: context.ran });
    if (problem?.kind === 'not_newer' || problem?.kind === 'already_ran') {
      throw new UserError(`upgrade.errors.start_${problem.kind}`, {
        id: upgrade._id,
        version: upgrade.toVersion,
        system: upgrade.system,
        current: context.current ?? '',
      });
    }
    const step = this.book.step(actor, 'started');
    return this.move(upgrade, 'scheduled', 'in_progress', step, actor, version, {
      startedAt: step.at,
      startedBy: actor.key,
      nextReminder: overrunAfter(upgrade.end, now),
      ...(context.current ? { fromVersion: context.current } : {}),
    });
  }

  /**
   * in_progress → completed: only when the person says it is verified (seed 4.2(5): tested before it
   * goes live); the registry then records the new version. An unverified one is refused: roll back.
   */
  async complete(id: string, input: CompleteInput, actor: Actor, version?: number): Promise<Upgrade> {
    const upgrade = await this.book.get(id);
    if (!input.verified) throw new UserError('upgrade.errors.not_verified', { id: upgrade._id });
    const step = this.book.step(actor, 'completed', input.notes ? { text: input.notes } : {});
    const after = await this.move(upgrade, 'in_progress', 'completed', step, actor, version, {
      endedAt: step.at,
      endedBy: actor.key,
      verified: true,
      nextReminder: null,
    });
    await this.registry.completed(after, step.at);
    return after;
  }

  /** in_progress → rolled_back, with why; the registry keeps the version the system ran. */
  async rollback(id: string, reason: string, actor: Actor, version?: number): Promise<Upgrade> {
    const upgrade = await this.book.get(id);
    const step = this.book.step(actor, 'rolled_back', { text: reason });
    return this.move(upgrade, 'in_progress', 'rolled_back', step, actor, version, {
      endedAt: step.at,
      endedBy: actor.key,
      nextReminder: null,
    });
  }

  /** scheduled (or a draft awaiting approval) → cancelled, with why; nothing more is reminded. */
  async cancel(id: string, reason: string, actor: Actor): Promise<Upgrade> {
    const upgrade = await this.book.get(id);
    const from = upgrade.state === 'pending_approval' ? 'pending_approval' : 'scheduled';
    const step = this.book.step(actor, 'cancelled', { text: reason });
    return this.move(upgrade, from, 'cancelled', step, actor, undefined, {
      endedAt: step.at,
      endedBy: actor.key,
      nextReminder: null,
      ...(from === 'pending_approval' ? { 'approval.state': 'expired', 'approval.decidedAt': step.at } : {}),
    });
  }

  private async move(
    upgrade: Upgrade,
    from: UpgradeState,
    to: UpgradeState,
    step: UpgradeStep,
    actor: Actor,
    version: number | undefined,
    set: Record<string, unknown>,
  ): Promise<Upgrade> {
    // A card out of date says who moved it first (a double click, twenty at once, a stale card).
    if (version !== undefined && upgrade.version !== version) throw this.conflict(upgrade);
    // Already where this would take it (a second Start): who took it there; otherwise why not.
    if (upgrade.state !== from) {
      if (upgrade.state !== to) throw this.refused(upgrade, to);
      throw version !== undefined ? this.conflict(upgrade) : this.already(upgrade);
    }
    const after = await this.book.change(
      upgrade._id,
      { state: from, ...(version !== undefined ? { version } : {}) },
      { state: to, ...set },
      step,
    );
    if (!after) {
      const now = await this.book.get(upgrade._id);
      throw version !== undefined || now.state === from ? this.conflict(now) : this.refused(now, to);
    }
    await this.book.record({
      actor: actor.key,
      action: `upgrade.${to}` as 'upgrade.in_progress',
      objectId: upgrade._id,
      before: { upgrade: from },
      after: { upgrade: to, ...(to === 'completed' ? { version: upgrade.toVersion } : {}) },
      ...(step.text ? { reason: step.text } : {}),
      via: actor.via,
    });
    await this.book.told(after, step);
    return after;
  }

  /** What it is now, said to someone asking for a move it cannot make from there. */
  private refused(upgrade: Upgrade, to: UpgradeState): UserError {
    return new UserError('upgrade.errors.refused', { id: upgrade._id, state: upgrade.state, to });
  }

  /** The card the person acted on is out of date: who changed it last. */
  /** A typed command that finds the upgrade already where it would take it: who took it there, and when. */
  private already(upgrade: Upgrade): UserError {
    const last = upgrade.timeline.at(-1);
    return new UserError('upgrade.errors.already', {
      id: upgrade._id,
      by: last?.actor ?? 'system',
      at: last ? formatTime(last.at, this.timezone) : '',
      state: upgrade.state,
    });
  }

  private conflict(upgrade: Upgrade): UserError {
    const by = upgrade.timeline.at(-1)?.actor ?? 'system';
    return new UserError('upgrade.errors.conflict', { id: upgrade._id, by, state: upgrade.state });
  }
}
