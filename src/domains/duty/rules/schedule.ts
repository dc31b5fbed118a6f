// Who is on duty when (issue 17): pure functions of a roster and an instant. An override covering
// the instant names the primary; else an imported shift covering it; else the rotation. Shift
// boundaries are the roster's handover time in TIMEZONE, so a weekly shift starts at 09:00 local
// whatever the zone's offset.
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import type { DutyRoster, RosterOverride } from '../../../../models/duty/roster.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** A stretch of time with one primary (and maybe a secondary): `[start, end)`. */
export interface Shift {
  start: Date;
  end: Date;
  primary: string;
  secondary?: string;
  /** Where the primary comes from. */
  source: 'rotation' | 'import' | 'override';
}

/** The parts of a roster the schedule reads. */
export type Schedule = Pick<DutyRoster, 'handover' | 'rotation' | 'shifts' | 'overrides'>;

/** `09:00` → minutes after midnight; undefined when it does not read so. */
export function handoverMinutes(text: string): number | undefined {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** The handover instant on local day `day` (`2026-12-01`) in `zone`. */
export function handoverOn(day: string, handover: string, zone: string): Date {
  const minutes = handoverMinutes(handover) ?? 9 * 60;
  return dayjs.tz(day, 'YYYY-MM-DD', zone).startOf('day').add(minutes, 'minute').toDate();
}

/** The last handover instant at or before `at`. */
export function handoverBefore(at: Date, handover: string, zone: string): Date {
  const today = handoverOn(dayjs(at).tz(zone).format('YYYY-MM-DD'), handover, zone);
  return today.getTime() <= at.getTime() ? today : addDays(today, -1, zone);
}

/** `at` moved by whole local days (the wall-clock time kept). */
export function addDays(at: Date, days: number, zone: string): Date {
  return dayjs(at).tz(zone).add(days, 'day').toDate();
}

function localDaysBetween(from: Date, to: Date, zone: string): number {
  const day = (d: Date) => dayjs.utc(dayjs(d).tz(zone).format('YYYY-MM-DD'), 'YYYY-MM-DD');
  return day(to).diff(day(from), 'day');
}

/** The rotation's shift holding `at`, if the rotation has begun by then. */
function rotationShift(schedule: Schedule, at: Date, zone: string): Shift | undefined {
  const rotation = schedule.rotation;
  if (!rotation || rotation.people.length === 0 || at.getTime() < rotation.start.getTime()) return undefined;
  const boundary = handoverBefore(at, schedule.handover, zone);
  const k = Math.floor(localDaysBetween(rotation.start, boundary, zone) / rotation.shiftDays);
  const start = addDays(rotation.start, k * rotation.shiftDays, zone);
  const end = addDays(start, rotation.shiftDays, zone);
  const n = rotation.people.length;
  const secondary = n > 1 ? rotation.people[(k + 1) % n] : undefined;
  return { start, end, primary: rotation.people[k % n]!, ...(secondary ? { secondary } : {}), source: 'rotation' };
}

/** The imported shift or rotation shift holding `at`, before overrides. */
function plannedShift(schedule: Schedule, at: Date, zone: string): Shift | undefined {
  const t = at.getTime();
  const imported = schedule.shifts.find((s) => s.start.getTime() <= t && t < s.end.getTime());
  if (imported) {
    return {
      start: imported.start,
      end: imported.end,
      primary: imported.primary,
      ...(imported.secondary ? { secondary: imported.secondary } : {}),
      source: 'import',
    };
  }
  const rotation = rotationShift(schedule, at, zone);
  if (!rotation) return undefined;
  // An imported shift starting inside this rotation shift cuts it short.
  const cut = schedule.shifts
    .map((s) => s.start.getTime())
    .filter((s) => s > t && s < rotation.end.getTime())
    .sort((a, b) => a - b)[0];
  return cut === undefined ? rotation : { ...rotation, end: new Date(cut) };
}

/** Who is on duty at `at`: the stretch holding it, overrides applied; undefined when nobody is. */
export function shiftAt(schedule: Schedule, at: Date, zone: string): Shift | undefined {
  const t = at.getTime();
  const override = schedule.overrides.find((o) => o.start.getTime() <= t && t < o.end.getTime());
  const planned = plannedShift(schedule, at, zone);
  if (override) {
    const end = planned ? Math.min(planned.end.getTime(), override.end.getTime()) : override.end.getTime();
    const start = planned ? Math.max(planned.start.getTime(), override.start.getTime()) : override.start.getTime();
    return {
      start: new Date(start),
      end: new Date(end),
      primary: override.person,
      // The shift's secondary stays; a stand-in who was the secondary leaves nobody behind them.
      ...(planned?.secondary && planned.secondary !== override.person ? { secondary: planned.secondary } : {}),
      source: 'override',
    };
  }
  if (!planned) return undefined;
  const bounds = overrideBounds(schedule.overrides, planned.start.getTime(), planned.end.getTime(), t);
  return { ...planned, start: new Date(bounds.start), end: new Date(bounds.end) };
}

/** The part of `[start, end)` around `t` that no override touches. */
function overrideBounds(overrides: readonly RosterOverride[], start: number, end: number, t: number) {
  let from = start;
  let to = end;
  for (const o of overrides) {
    if (o.end.getTime() <= t && o.end.getTime() > from) from = o.end.getTime();
    if (o.start.getTime() > t && o.start.getTime() < to) to = o.start.getTime();
  }
  return { start: from, end: to };
}

/** When the roster next has someone on duty after `at` (a gap's end); undefined when never. */
function nextStart(schedule: Schedule, at: Date): Date | undefined {
  const t = at.getTime();
  const starts = [
    ...schedule.shifts.map((s) => s.start.getTime()),
    ...schedule.overrides.map((o) => o.start.getTime()),
    ...(schedule.rotation ? [schedule.rotation.start.getTime()] : []),
  ].filter((s) => s > t);
  return starts.length ? new Date(Math.min(...starts)) : undefined;
}

/** Every stretch between `from` and `to`, in order (at most `limit`), gaps left out. */
export function shiftsBetween(schedule: Schedule, from: Date, to: Date, zone: string, limit = 400): Shift[] {
  const found: Shift[] = [];
  let at = from;
  while (at.getTime() < to.getTime() && found.length < limit) {
    const shift = shiftAt(schedule, at, zone);
    if (shift) {
      found.push(shift);
      at = shift.end;
      continue;
    }
    const next = nextStart(schedule, at);
    if (!next) break;
    at = next;
  }
  return found;
}

/** The stretch after the one holding `at` (who is next). */
export function nextShift(schedule: Schedule, at: Date, zone: string): Shift | undefined {
  const now = shiftAt(schedule, at, zone);
  const after = now ? now.end : nextStart(schedule, at);
  return after ? shiftAt(schedule, after, zone) : undefined;
}
