// Shift handovers (交接班, issue 17): at each handover time where the primary changes, one record
// per team and instant (its id says which, so two processes make one), a card in the team's home
// channel and privately to both people; the incoming person takes over with one conditional
// update; after 15 minutes without it, the secondary and pm are reminded, once.
import type { CounterModel } from '../../../../models/core/counter.js';
import type { Handover, HandoverModel } from '../../../../models/duty/handover.js';
import type { DutyRoster, DutyTeam } from '../../../../models/duty/roster.js';
import { UserError } from '../../../chat/user-error.js';
import type { Clock } from '../../../kernel/clock.js';
import { SYSTEM_ACTOR_KEY } from '../../ops/audit-vocabulary.js';
import type { AuditTrail } from '../../ops/rules/audit-trail.js';
import { gatherItems, type HandoverItemSource } from '../handover-items/item-source.js';
import { handoverBefore, shiftAt } from './schedule.js';

const SYSTEM: Actor = { key: SYSTEM_ACTOR_KEY, via: 'job' };

/** Issue 17: "after 15 minutes the secondary and pm are reminded". */
export const REMIND_AFTER_MS = 15 * 60_000;
/** A handover time passed longer ago than this (Zhiban was down) gets no card of its own. */
export const LATE_LIMIT_MS = 60 * 60_000;

export interface Actor {
  key: string;
  via: string;
}

/** Told after each stored change, to say it. */
export interface HandoverObserver {
  opened(handover: Handover): Promise<void>;
  taken(handover: Handover): Promise<void>;
  /** The outgoing person wrote a note: the card shows it. */
  noted(handover: Handover): Promise<void>;
  /** Nobody took over in time: remind the secondary and pm. */
  overdue(handover: Handover): Promise<void>;
}

/** What the handover rules work with. */
export interface HandoverDeps {
  model: HandoverModel;
  counters: CounterModel;
  rosters: { all(): Promise<DutyRoster[]> };
  sources: HandoverItemSource[];
  audit: AuditTrail;
  /** Every identity key of the person `key` is (linked identities are one person). */
  identities(key: string): Promise<string[]>;
  clock: Clock;
  zone: string;
}

/** Opens handovers when due, takes over, notes, reminds; each change conditional and audited. */
export class Handovers {
  private readonly observers: HandoverObserver[] = [];

  constructor(private readonly deps: HandoverDeps) {}

  observe(observer: HandoverObserver): void {
    this.observers.push(observer);
  }

  /** Opens the handovers due now (one per team whose primary changed at its last handover time); answers how many. */
  async openDue(): Promise<number> {
    const now = this.deps.clock.now();
    let opened = 0;
    for (const roster of await this.deps.rosters.all()) {
      const at = handoverBefore(now, roster.handover, this.deps.zone);
      if (now.getTime() - at.getTime() > LATE_LIMIT_MS) continue;
      const incoming = shiftAt(roster, at, this.deps.zone);
      if (!incoming) continue;
      const outgoing = shiftAt(roster, new Date(at.getTime() - 1), this.deps.zone);
      if (outgoing?.primary === incoming.primary) continue;
      const id = `${roster._id}:${at.toISOString()}`;
      if (await this.deps.model.exists({ _id: id })) continue;
      const items = await gatherItems(this.deps.sources, roster._id, at, incoming.end);
      const handover: Handover = {
        _id: id,
        shortId: `HO-${await this.deps.counters.next('HO')}`,
        team: roster._id,
        at,
        ...(outgoing ? { outgoing: outgoing.primary } : {}),
        incoming: incoming.primary,
        ...(incoming.secondary ? { secondary: incoming.secondary } : {}),
        until: incoming.end,
        state: 'open',
        items,
        version: 0,
      };
      try {
        await this.deps.model.create(handover);
      } catch (error) {
        // Another process opened it first: its card is the one.
        if ((error as { code?: number }).code === 11000) continue;
        throw error;
      }
      await this.record(SYSTEM, 'duty.handover', handover, null, {
        outgoing: handover.outgoing ?? null,
        incoming: handover.incoming,
      });
      for (const observer of this.observers) await observer.opened(handover);
      opened += 1;
    }
    return opened;
  }

  /** Reminds the secondary and pm of handovers nobody took over within 15 minutes, once each. */
  async remindDue(): Promise<number> {
    const now = this.deps.clock.now();
    const due = await this.deps.model
      .find({ state: 'open', remindedAt: { $exists: false }, at: { $lte: new Date(now.getTime() - REMIND_AFTER_MS) } })
      .limit(50)
      .lean<Handover[]>();
    let reminded = 0;
    for (const handover of due) {
      const updated = await this.deps.model
        .findOneAndUpdate(
          { _id: handover._id, state: 'open', remindedAt: { $exists: false } },
          { $set: { remindedAt: now } },
          { returnDocument: 'after' },
        )
        .lean<Handover>();
      if (!updated) continue;
      await this.record(SYSTEM, 'duty.remind', updated, null, { incoming: updated.incoming });
      for (const observer of this.observers) await observer.overdue(updated);
      reminded += 1;
    }
    return reminded;
  }

  /**
   * The incoming person takes over `shortId` (seen at card version `seen`, if a button carried it).
   * Throws `duty.errors.handover_unknown`, `.not_incoming` (someone else clicked), `.already_taken`.
   */
  async takeOver(shortId: string, by: Actor, seen?: number): Promise<Handover> {
    const handover = await this.get(shortId);
    const mine = await this.deps.identities(by.key);
    if (!mine.includes(handover.incoming)) {
      throw new UserError('duty.errors.not_incoming', { id: handover.shortId, incoming: handover.incoming });
    }
    if (handover.state === 'taken') {
      throw new UserError('duty.errors.already_taken', { id: handover.shortId, by: handover.takenBy ?? '' });
    }
    const now = this.deps.clock.now();
    const updated = await this.deps.model
      .findOneAndUpdate(
        { _id: handover._id, state: 'open', ...(seen !== undefined ? { version: seen } : {}) },
        { $set: { state: 'taken', takenAt: now, takenBy: by.key }, $inc: { version: 1 } },
        { returnDocument: 'after' },
      )
      .lean<Handover>();
    if (!updated) {
      const now2 = await this.get(shortId);
      if (now2.state === 'taken') {
        throw new UserError('duty.errors.already_taken', { id: now2.shortId, by: now2.takenBy ?? '' });
      }
      throw new UserError('duty.errors.handover_changed', { id: now2.shortId });
    }
    await this.record(by, 'duty.takeover', updated, { state: 'open' }, { state: 'taken' });
    for (const observer of this.observers) await observer.taken(updated);
    return updated;
  }

  /** The outgoing person's note on the handover (shown on its card). Throws `duty.errors.not_outgoing`. */
  async addNote(shortId: string, note: string, by: Actor): Promise<Handover> {
    const handover = await this.get(shortId);
    const mine = await this.deps.identities(by.key);
    if (!handover.outgoing || !mine.includes(handover.outgoing)) {
      throw new UserError('duty.errors.not_outgoing', { id: handover.shortId });
    }
    const updated = await this.deps.model
      .findOneAndUpdate({ _id: handover._id }, { $set: { note } }, { returnDocument: 'after' })
      .lean<Handover>();
    if (!updated) return handover;
    // The note changes nothing a take-over click acts on, so the card's version stays.
    for (const observer of this.observers) await observer.noted(updated);
    return updated;
  }

  async get(shortId: string): Promise<Handover> {
    const id = /^HO-\d{1,9}$/i.test(shortId.trim()) ? shortId.trim().toUpperCase() : '';
    const found = id ? await this.deps.model.findOne({ shortId: id }).lean<Handover>() : null;
    if (!found) throw new UserError('duty.errors.handover_unknown', { id: shortId.slice(0, 20) });
    return found;
  }

  /** The team's (or every team's) handovers within `[from, to)`, newest first. */
  async list(team: DutyTeam | undefined, from: Date, to: Date, limit = 50): Promise<Handover[]> {
    return this.deps.model
      .find({ ...(team ? { team } : {}), at: { $gte: from, $lt: to } })
      .sort({ at: -1 })
      .limit(limit)
      .lean<Handover[]>();
  }

  private record(
    by: Actor,
    action: 'duty.handover' | 'duty.takeover' | 'duty.remind',
    handover: Handover,
    before: unknown,
    after: unknown,
  ) {
    return this.deps.audit.record({
      actor: by.key,
      action,
      objectType: 'duty_handover',
      objectId: handover.shortId,
      before,
      after,
      outcome: 'done',
      via: by.via,
    });
  }
}
