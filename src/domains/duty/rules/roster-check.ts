// The meaning of an imported roster (issue 17, "nothing half-imported"): every row is checked
// before anything is stored, and every bad row is reported with its number and the reason — a date
// that is not a date, dates out of order or overlapping, an unknown person, a person without the
// team's role, a primary standing in as their own secondary.
import type { RosterShift } from '../../../../models/duty/roster.js';
import { parseLocalDay } from '../../../kernel/calendar.js';
import { normalizePhone } from './phone-box.js';
import { addDays, handoverOn } from './schedule.js';
import type { SheetRow } from './spreadsheet.js';

/** Why one row is refused: a code under `duty.import.problems.*` and its words' values. */
export interface RowProblem {
  row: number;
  code:
    | 'bad_date'
    | 'out_of_order'
    | 'no_primary'
    | 'unknown_person'
    | 'no_role'
    | 'same_person'
    | 'bad_days'
    | 'bad_phone'
    | 'phones_off'
    | 'no_rows';
  params: Record<string, string | number>;
}

/** What the checks need to know of a person: undefined when nobody by that key is known. */
export type RolesOf = (key: string) => Promise<readonly string[] | undefined>;

const PERSON = /^(slack|discord|web|feishu):[A-Za-z0-9._@-]{1,64}$/;

/**
 * The rows as shifts of `team` (each from its date's handover time for `days` days), or every
 * problem found; never both. People are checked once each.
 */
export async function checkRows(
  rows: readonly SheetRow[],
  team: string,
  handover: string,
  zone: string,
  rolesOf: RolesOf,
  phonesOn = false,
): Promise<{ shifts: RosterShift[]; problems: RowProblem[]; phones: Map<string, string> }> {
  const problems: RowProblem[] = [];
  const phones = new Map<string, string>();
  // A number is checked, never echoed: even a mistyped one is personal data.
  const phone = (row: number, person: string, typed: string) => {
    if (!typed || !person) return;
    if (!phonesOn) return problems.push({ row, code: 'phones_off', params: {} });
    const number = normalizePhone(typed);
    if (!number) return problems.push({ row, code: 'bad_phone', params: { person } });
    phones.set(person, number);
  };
  const shifts: RosterShift[] = [];
  const known = new Map<string, readonly string[] | undefined>();
  const person = async (row: number, key: string) => {
    if (!PERSON.test(key)) {
      problems.push({ row, code: 'unknown_person', params: { person: key.slice(0, 64) } });
      return;
    }
    if (!known.has(key)) known.set(key, await rolesOf(key));
    const roles = known.get(key);
    if (!roles || roles.length === 0) problems.push({ row, code: 'unknown_person', params: { person: key } });
    else if (!roles.includes(team)) problems.push({ row, code: 'no_role', params: { person: key, team } });
  };
  let lastEnd: Date | undefined;
  for (const row of rows) {
    const day = parseLocalDay(row.date, zone);
    const days = row.days === '' ? 1 : Number(row.days);
    if (!day) problems.push({ row: row.row, code: 'bad_date', params: { date: row.date.slice(0, 20) } });
    if (!Number.isInteger(days) || days < 1 || days > 31) {
      problems.push({ row: row.row, code: 'bad_days', params: { days: row.days.slice(0, 10) } });
    }
    if (!row.primary) problems.push({ row: row.row, code: 'no_primary', params: {} });
    else await person(row.row, row.primary);
    if (row.secondary) {
      if (row.secondary === row.primary)
        problems.push({ row: row.row, code: 'same_person', params: { person: row.primary } });
      else await person(row.row, row.secondary);
    }
    phone(row.row, row.primary, row.primaryPhone);
    phone(row.row, row.secondary, row.secondaryPhone);
    if (!day || !Number.isInteger(days) || days < 1) continue;
    const start = handoverOn(row.date.trim(), handover, zone);
    if (lastEnd && start.getTime() < lastEnd.getTime()) {
      problems.push({ row: row.row, code: 'out_of_order', params: { date: row.date } });
    }
    const end = addDays(start, days, zone);
    lastEnd = end;
    shifts.push({ start, end, primary: row.primary, ...(row.secondary ? { secondary: row.secondary } : {}) });
  }
  return problems.length ? { shifts: [], problems, phones: new Map() } : { shifts, problems, phones };
}
