// Dates people type and periods people read, in the team's time zone (TIMEZONE): a typed window
// time such as `2026-12-01T22:00` (CONTRACT.md, `/upgrade announce`), and the calendar day, ISO
// week, month and quarter a report covers (seed 3.3: "a full evaluation every quarter"). Built on
// dayjs with its utc, timezone, quarterOfYear, isoWeek and customParseFormat plugins.
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import isoWeek from 'dayjs/plugin/isoWeek.js';
import quarterOfYear from 'dayjs/plugin/quarterOfYear.js';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);
dayjs.extend(quarterOfYear);
dayjs.extend(isoWeek);

/** The form of a typed local time (CONTRACT.md): minutes, no zone; the zone is TIMEZONE. */
export const LOCAL_TIME_FORMAT = 'YYYY-MM-DDTHH:mm';
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export type LocalTimeProblem = 'format' | 'no_such_time';

/**
 * Reads `2026-12-01T22:00` as a wall-clock time in `zone` (an IANA name). Returns the instant, or
 * why not: `format` when it is not of that form or names no calendar date (month 13, 30 February),
 * `no_such_time` when the zone skips that minute (a daylight-saving gap).
 */
export function parseLocalTime(
  text: string,
  zone: string,
): { ok: true; at: Date } | { ok: false; problem: LocalTimeProblem } {
  const typed = text.trim();
  if (!LOCAL_TIME.test(typed) || !dayjs(typed, LOCAL_TIME_FORMAT, true).isValid())
    return { ok: false, problem: 'format' };
  const at = dayjs.tz(typed, LOCAL_TIME_FORMAT, zone);
  // A minute the zone skips comes back as another wall-clock time.
  if (!at.isValid() || at.tz(zone).format(LOCAL_TIME_FORMAT) !== typed) return { ok: false, problem: 'no_such_time' };
  return { ok: true, at: at.toDate() };
}

export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter';

/** A period as reports use it: `[start, end)`, both instants, with a label such as `2026-Q4` or `2026-W49`. */
export interface Period {
  unit: PeriodUnit;
  start: Date;
  end: Date;
  label: string;
}

/**
 * The calendar period of `unit` that holds `at`, in `zone`: days start at local midnight, weeks on
 * Monday (ISO 8601), quarters in January, April, July and October. `offset` moves by whole periods
 * (-1 is the one before: what a quarterly evaluation on 1 January reports on).
 */
export function periodOf(unit: PeriodUnit, at: Date, zone: string, offset = 0): Period {
  const local = dayjs(at).tz(zone);
  const startOf = (d: dayjs.Dayjs) => (unit === 'week' ? d.startOf('isoWeek') : d.startOf(unit));
  const step = (d: dayjs.Dayjs, n: number) => (unit === 'quarter' ? d.add(3 * n, 'month') : d.add(n, unit));
  const start = startOf(offset === 0 ? local : step(local, offset));
  const end = startOf(step(start, 1));
  return { unit, start: start.toDate(), end: end.toDate(), label: labelOf(unit, start) };
}

function labelOf(unit: PeriodUnit, start: dayjs.Dayjs): string {
  // The plugins' week and quarter read the instant in UTC: name the local calendar date instead.
  const date = dayjs.utc(start.format('YYYY-MM-DD'));
  switch (unit) {
    case 'day':
      return start.format('YYYY-MM-DD');
    case 'week':
      return `${date.isoWeekYear()}-W${String(date.isoWeek()).padStart(2, '0')}`;
    case 'month':
      return start.format('YYYY-MM');
    case 'quarter':
      return `${date.year()}-Q${date.quarter()}`;
  }
}

/** The form of a typed calendar day: `2026-03-01`, read in the team's zone. */
export const LOCAL_DAY_FORMAT = 'YYYY-MM-DD';
const LOCAL_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads `2026-03-01` as that whole day in `zone` (an IANA name): `[start, end)`, from its local
 * midnight to the next one (23 or 25 hours on a day the clocks change). Undefined when the text is
 * not of that form or names no calendar date (month 13, 30 February).
 */
export function parseLocalDay(text: string, zone: string): { start: Date; end: Date } | undefined {
  const typed = text.trim();
  if (!LOCAL_DAY.test(typed) || !dayjs(typed, LOCAL_DAY_FORMAT, true).isValid()) return undefined;
  const start = dayjs.tz(typed, LOCAL_DAY_FORMAT, zone).startOf('day');
  return { start: start.toDate(), end: start.add(1, 'day').startOf('day').toDate() };
}

/** The calendar day `at` falls on in `zone`, as `2026-03-01`. */
export function localDay(at: Date, zone: string): string {
  return dayjs(at).tz(zone).format(LOCAL_DAY_FORMAT);
}

/** Whole days from one typed day to another, both counted: `2026-03-01`…`2026-03-01` is 1. */
export function daysInclusive(fromDay: string, toDay: string): number {
  return dayjs.utc(toDay, LOCAL_DAY_FORMAT).diff(dayjs.utc(fromDay, LOCAL_DAY_FORMAT), 'day') + 1;
}
