// The roster rules (issue 17): a rotation set, a spreadsheet imported whole or not at all, overrides
// that never overlap. Each change is one conditional update on the team's roster (on the version
// read) and an audit event.
import { randomUUID } from 'node:crypto';
import type { DutyRoster, DutyRosterModel, DutyTeam, RosterShift } from '../../../../models/duty/roster.js';
import { formatTime } from '../../../chat/time.js';
import { UserError } from '../../../chat/user-error.js';
import type { Clock } from '../../../kernel/clock.js';
import type { AuditTrail } from '../../ops/rules/audit-trail.js';
import { checkRows, type RolesOf, type RowProblem } from './roster-check.js';
import { handoverOn } from './schedule.js';
import type { Phones } from './phones.js';
import type { SheetRow } from './spreadsheet.js';

export interface Actor {
  key: string;
  via: string;
}

/** A roster import refused: every bad row with its reason, nothing stored. */
export class RosterImportError extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(`${problems.length} bad row(s)`);
  }
}

/** What `/duty set` asks for: people in turn, shift length in days, the first shift's day. */
export interface RotationInput {
  people: string[];
  shiftDays: number;
  /** `2026-12-01`: its handover starts the first shift. */
  fromDay: string;
  handover?: string;
}

export const DEFAULT_HANDOVER = '09:00';

/** Reads and changes the teams' rosters: rotation, imports, overrides. */
export class Rosters {
  constructor(
    private readonly model: DutyRosterModel,
    private readonly audit: AuditTrail,
    private readonly rolesOf: RolesOf,
    private readonly clock: Clock,
    private readonly zone: string,
    /** Where phone numbers given in an imported roster go (sealed); none: phone columns are refused. */
    private readonly phones?: Phones,
  ) {}

  /** The team's roster, or undefined when it has none. */
  async get(team: DutyTeam): Promise<DutyRoster | undefined> {
    return (await this.model.findById(team).lean<DutyRoster>()) ?? undefined;
  }

  async all(): Promise<DutyRoster[]> {
    return this.model.find({}).sort({ _id: 1 }).lean<DutyRoster[]>();
  }

  /**
   * Imports a spreadsheet's rows: replaces the team's imported shifts that overlap them. Throws
   * RosterImportError with every bad row when any row is bad (nothing stored then).
   */
  async importRows(team: DutyTeam, rows: readonly SheetRow[], by: Actor): Promise<RosterShift[]> {
    const roster = await this.get(team);
    const handover = roster?.handover ?? DEFAULT_HANDOVER;
    if (rows.length === 0) throw new RosterImportError([{ row: 2, code: 'no_rows', params: {} }]);
    const phonesOn = this.phones?.enabled ?? false;
    const { shifts, problems, phones } = await checkRows(rows, team, handover, this.zone, this.rolesOf, phonesOn);
    if (problems.length) throw new RosterImportError(problems);
    const from = shifts[0]!.start.getTime();
    const to = shifts[shifts.length - 1]!.end.getTime();
    const kept = (roster?.shifts ?? []).filter((s) => s.end.getTime() <= from || s.start.getTime() >= to);
    const merged = [...kept, ...shifts].sort((a, b) => a.start.getTime() - b.start.getTime());
    await this.write(team, roster, { shifts: merged, handover });
    for (const [person, number] of phones) await this.phones!.set(person, number, by);
    await this.record(by, 'duty.import', team, null, {
      shifts: shifts.length,
      from: shifts[0]!.start.toISOString(),
      to: new Date(to).toISOString(),
    });
    return shifts;
  }

  /** Sets the team's rotation. Throws `duty.errors.empty_rotation`, `.bad_day`, `.no_role`. */
  async setRotation(team: DutyTeam, input: RotationInput, by: Actor): Promise<DutyRoster> {
    if (input.people.length === 0) throw new UserError('duty.errors.empty_rotation', { team });
    for (const person of input.people) await this.requireMember(team, person);
    const roster = await this.get(team);
    const handover = input.handover ?? roster?.handover ?? DEFAULT_HANDOVER;
    const start = handoverOn(input.fromDay, handover, this.zone);
    const rotation = { people: [...input.people], shiftDays: input.shiftDays, start };
    const after = await this.write(team, roster, { rotation, handover });
    await this.record(by, 'duty.set', team, roster?.rotation ?? null, {
      people: input.people,
      shiftDays: input.shiftDays,
      start: start.toISOString(),
      handover,
    });
    return after;
  }

  /** `person` stands in as primary over `[start, end)`. Throws `duty.errors.override_overlap`, `.bad_range`, `.no_role`. */
  async override(
    team: DutyTeam,
    person: string,
    start: Date,
    end: Date,
    by: Actor,
    kind: 'override' | 'swap' = 'override',
  ): Promise<DutyRoster> {
    if (end.getTime() <= start.getTime()) {
      const range = { start: formatTime(start, this.zone), end: formatTime(end, this.zone) };
      throw new UserError('duty.errors.bad_range', range, 'duty');
    }
    await this.requireMember(team, person);
    const roster = await this.get(team);
    if (!roster) throw new UserError('duty.errors.no_roster', { team });
    const clash = roster.overrides.find((o) => o.start.getTime() < end.getTime() && start.getTime() < o.end.getTime());
    if (clash) {
      throw new UserError('duty.errors.override_overlap', {
        person: clash.person,
        from: clash.start.toISOString().slice(0, 16),
        to: clash.end.toISOString().slice(0, 16),
      });
    }
    const entry = { id: randomUUID().slice(0, 8), start, end, person, by: by.key, kind };
    const after = await this.write(team, roster, { overrides: [...roster.overrides, entry] });
    await this.record(by, 'duty.override', team, null, {
      person,
      from: start.toISOString(),
      to: end.toISOString(),
      kind,
    });
    return after;
  }

  /** Throws `duty.errors.unknown_person` or `duty.errors.no_role` unless `person` holds the team's role. */
  async requireMember(team: DutyTeam, person: string): Promise<void> {
    const roles = await this.rolesOf(person);
    if (!roles || roles.length === 0) throw new UserError('duty.errors.unknown_person', { person });
    if (!roles.includes(team)) throw new UserError('duty.errors.no_role', { person, team });
  }

  /** One conditional write on the version read; a change made meanwhile is refused, to try again. */
  private async write(team: DutyTeam, roster: DutyRoster | undefined, set: Partial<DutyRoster>): Promise<DutyRoster> {
    const now = this.clock.now();
    if (!roster) {
      try {
        const created = await this.model.create({
          _id: team,
          handover: DEFAULT_HANDOVER,
          shifts: [],
          overrides: [],
          ...set,
          version: 1,
          updatedAt: now,
        });
        return created.toObject() as DutyRoster;
      } catch (error) {
        if ((error as { code?: number }).code === 11000) throw new UserError('duty.errors.changed_meanwhile', { team });
        throw error;
      }
    }
    const updated = await this.model
      .findOneAndUpdate(
        { _id: team, version: roster.version },
        { $set: { ...set, updatedAt: now }, $inc: { version: 1 } },
        { returnDocument: 'after' },
      )
      .lean<DutyRoster>();
    if (!updated) throw new UserError('duty.errors.changed_meanwhile', { team });
    return updated;
  }

  private record(
    by: Actor,
    action: 'duty.import' | 'duty.set' | 'duty.override',
    team: string,
    before: unknown,
    after: unknown,
  ) {
    return this.audit.record({
      actor: by.key,
      action,
      objectType: 'duty_roster',
      objectId: team,
      before,
      after,
      outcome: 'done',
      via: by.via,
    });
  }
}
