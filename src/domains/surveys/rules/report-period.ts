// The period `/survey report [month|quarter] [period]` asks about (issue 15): the current month or
// quarter so far, `last` (the one before), or one named, `2026-11` or `2026-Q4`. Calendar months
// and quarters in TIMEZONE (src/kernel/calendar.ts).
import { truncate } from '../../../chat/text.js';
import { UserError } from '../../../chat/user-error.js';
import { parseLocalDay, periodOf, type Period } from '../../../kernel/calendar.js';

export type ReportUnit = 'month' | 'quarter';

/** A period to report on; `soFar` when it has not ended yet (its numbers stop at now). */
export interface ReportPeriod extends Period {
  unit: ReportUnit;
  soFar: boolean;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-q([1-4])$/i;

/**
 * Reads the words after `/survey report`. Throws `survey.errors.bad_period` (with the command's
 * correct form) for anything else, and `survey.errors.future_period` for a period not begun yet.
 */
export function parseReportPeriod(words: readonly string[], now: Date, zone: string): ReportPeriod {
  const typed = words.map((w) => w.toLowerCase());
  let unit: ReportUnit | undefined;
  if (typed[0] === 'month' || typed[0] === 'quarter') unit = typed.shift() as ReportUnit;
  const [name, ...extra] = typed;
  if (extra.length > 0) throw badPeriod(extra.join(' '));
  let period: Period;
  if (name === undefined || name === 'last') {
    period = periodOf(unit ?? 'month', now, zone, name === 'last' ? -1 : 0);
  } else {
    const named = namedStart(name, zone);
    if (!named || (unit && unit !== named.unit)) throw badPeriod(name);
    period = periodOf(named.unit, named.start, zone);
  }
  if (period.start.getTime() > now.getTime())
    throw new UserError('survey.errors.future_period', { period: period.label });
  return { ...period, unit: period.unit as ReportUnit, soFar: now.getTime() < period.end.getTime() };
}

function namedStart(name: string, zone: string): { unit: ReportUnit; start: Date } | undefined {
  const month = MONTH.exec(name);
  if (month) return at('month', `${month[1]}-${month[2]}-01`, zone);
  const quarter = QUARTER.exec(name);
  if (quarter)
    return at('quarter', `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, '0')}-01`, zone);
  return undefined;
}

function at(unit: ReportUnit, day: string, zone: string) {
  const start = parseLocalDay(day, zone)?.start;
  return start ? { unit, start } : undefined;
}

function badPeriod(typed: string): UserError {
  return new UserError('survey.errors.bad_period', { value: truncate(typed, 40) }, 'survey');
}
