// A team's duty roster (issue 17): a rotation of people with a shift length and a handover time,
// shifts imported from a spreadsheet, and overrides for a time range (a stand-in, a swap). Who is
// on duty at an instant is worked out from these by src/domains/duty/rules/schedule.ts.
import { Schema, type Connection, type Model } from 'mongoose';

/** The teams that keep a roster: the on-duty groups of the seed (2.1–2.3); pm optional. */
export const DUTY_TEAMS = ['sysops', 'secops', 'dataops', 'support', 'service', 'pm'] as const;
export type DutyTeam = (typeof DUTY_TEAMS)[number];

/** Whether `value` names a team that may keep a roster. */
export function isDutyTeam(value: string): value is DutyTeam {
  return (DUTY_TEAMS as readonly string[]).includes(value);
}

/** People taking turns: shift k (from `start`) is `people[k % n]`, its secondary the next one. */
export interface Rotation {
  /** Identity keys (`slack:U1`), in turn order. */
  people: string[];
  /** Whole days per shift (1: daily, 7: weekly). */
  shiftDays: number;
  /** The first shift's start: a handover time. */
  start: Date;
}

/** One shift of an imported roster: `[start, end)`, its primary and optional secondary. */
export interface RosterShift {
  start: Date;
  end: Date;
  primary: string;
  secondary?: string;
}

/** `person` is primary instead of whoever the roster says, over `[start, end)`. */
export interface RosterOverride {
  id: string;
  start: Date;
  end: Date;
  person: string;
  /** Who set it (a key), and why: `override` by pm/admin, `swap` accepted by the other person. */
  by: string;
  kind: 'override' | 'swap';
}

/** One team's roster; its `_id` is the team. */
export interface DutyRoster {
  /** The team. */
  _id: DutyTeam;
  /** Local wall-clock `HH:MM` in TIMEZONE when one shift hands over to the next. */
  handover: string;
  rotation?: Rotation;
  shifts: RosterShift[];
  overrides: RosterOverride[];
  /** Counts every change; a change is conditional on the version read. */
  version: number;
  updatedAt: Date;
}

const shiftSchema = new Schema<RosterShift>(
  { start: { type: Date, required: true }, end: { type: Date, required: true }, primary: String, secondary: String },
  { _id: false },
);
const overrideSchema = new Schema<RosterOverride>(
  {
    id: { type: String, required: true },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    person: { type: String, required: true },
    by: { type: String, required: true },
    kind: { type: String, required: true },
  },
  { _id: false },
);

const rosterSchema = new Schema<DutyRoster>(
  {
    _id: { type: String, required: true, enum: DUTY_TEAMS },
    handover: { type: String, required: true },
    rotation: {
      type: new Schema<Rotation>({ people: [String], shiftDays: Number, start: Date }, { _id: false }),
      required: false,
    },
    shifts: { type: [shiftSchema], default: [] },
    overrides: { type: [overrideSchema], default: [] },
    version: { type: Number, default: 0 },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);

export type DutyRosterModel = Model<DutyRoster>;

/** The rosters collection (`duty_rosters`) on `connection`. */
export function bindDutyRoster(connection: Connection): DutyRosterModel {
  return connection.model<DutyRoster>('DutyRoster', rosterSchema, 'duty_rosters');
}
