// Shift swaps (issue 17, `/duty swap <team> <date> <user>`): the primary of the shift that starts at
// that day's handover asks another member of the team to take it; the other accepts or declines by
// button. The decision is one conditional update from `asked`, so a double click or a stale card
// gives one effect; an accepted swap becomes an override of the roster (never overlapping another).
import type { CounterModel } from '../../../../models/core/counter.js';
import type { DutySwap, DutySwapModel } from '../../../../models/duty/swap.js';
import type { DutyTeam } from '../../../../models/duty/roster.js';
import { UserError } from '../../../chat/user-error.js';
import type { Clock } from '../../../kernel/clock.js';
import type { AuditTrail } from '../../ops/rules/audit-trail.js';
import type { Actor, Rosters } from './rosters.js';
import { handoverOn, shiftAt } from './schedule.js';

/** Told after a swap is asked or decided, to say it. */
export interface SwapObserver {
  swapChanged(swap: DutySwap): Promise<void>;
}

/** What the swap rules work with. */
export interface SwapDeps {
  model: DutySwapModel;
  counters: CounterModel;
  rosters: Rosters;
  audit: AuditTrail;
  identities(key: string): Promise<string[]>;
  clock: Clock;
  zone: string;
}

/** Asks for and decides shift swaps; an accepted one becomes an override. */
export class Swaps {
  private readonly observers: SwapObserver[] = [];

  constructor(private readonly deps: SwapDeps) {}

  observe(observer: SwapObserver): void {
    this.observers.push(observer);
  }

  /**
   * `by` asks `to` to take the team's shift starting at `day`'s handover. Throws
   * `duty.errors.no_roster`, `.no_shift`, `.not_your_shift`, `.swap_self`, `.no_role`, `.unknown_person`.
   */
  async ask(team: DutyTeam, day: string, to: string, by: Actor): Promise<DutySwap> {
    const roster = await this.deps.rosters.get(team);
    if (!roster) throw new UserError('duty.errors.no_roster', { team });
    const shift = shiftAt(roster, handoverOn(day, roster.handover, this.deps.zone), this.deps.zone);
    if (!shift) throw new UserError('duty.errors.no_shift', { team, day });
    const mine = await this.deps.identities(by.key);
    if (!mine.includes(shift.primary))
      throw new UserError('duty.errors.not_your_shift', { day, primary: shift.primary });
    if (mine.includes(to)) throw new UserError('duty.errors.swap_self');
    await this.deps.rosters.requireMember(team, to);
    const swap: DutySwap = {
      _id: `SW-${await this.deps.counters.next('SW')}`,
      team,
      start: shift.start,
      end: shift.end,
      from: shift.primary,
      to,
      state: 'asked',
      version: 0,
    };
    await this.deps.model.create(swap);
    await this.record(by, swap, null, { from: swap.from, to, state: 'asked' });
    await this.announce(swap);
    return swap;
  }

  /** The asked person's answer. Throws `duty.errors.swap_unknown`, `.not_asked`, `.swap_decided`. */
  async decide(id: string, accept: boolean, by: Actor): Promise<DutySwap> {
    const swap = await this.get(id);
    if (!(await this.deps.identities(by.key)).includes(swap.to)) {
      throw new UserError('duty.errors.not_asked', { id: swap._id, to: swap.to });
    }
    const state = accept ? 'accepted' : 'declined';
    const decided = await this.deps.model
      .findOneAndUpdate(
        { _id: swap._id, state: 'asked' },
        { $set: { state, decidedAt: this.deps.clock.now() }, $inc: { version: 1 } },
        { returnDocument: 'after' },
      )
      .lean<DutySwap>();
    if (!decided) {
      const now = await this.get(id);
      throw new UserError('duty.errors.swap_decided', { id: now._id, state: now.state });
    }
    if (accept) {
      try {
        await this.deps.rosters.override(decided.team as DutyTeam, decided.to, decided.start, decided.end, by, 'swap');
      } catch (error) {
        // The roster refused it (an override there already): the swap is asked again, nothing changed.
        await this.deps.model.updateOne(
          { _id: swap._id, state: 'accepted' },
          { $set: { state: 'asked' }, $inc: { version: 1 } },
        );
        throw error;
      }
    }
    await this.record(by, decided, { state: 'asked' }, { state });
    await this.announce(decided);
    return decided;
  }

  async get(id: string): Promise<DutySwap> {
    const typed = id.trim().toUpperCase();
    const found = /^SW-\d{1,9}$/.test(typed) ? await this.deps.model.findById(typed).lean<DutySwap>() : null;
    if (!found) throw new UserError('duty.errors.swap_unknown', { id: id.slice(0, 20) });
    return found;
  }

  private async announce(swap: DutySwap): Promise<void> {
    for (const observer of this.observers) await observer.swapChanged(swap);
  }

  private record(by: Actor, swap: DutySwap, before: unknown, after: unknown) {
    return this.deps.audit.record({
      actor: by.key,
      action: 'duty.swap',
      objectType: 'duty_swap',
      objectId: swap._id,
      before,
      after,
      outcome: 'done',
      via: by.via,
    });
  }
}
