// Reading what people type after `/duty`: a team, a rotation's options, a time range, a period.
import { isDutyTeam, type DutyTeam } from '../../models/duty/roster.js';
import { UserError } from '../../src/chat/user-error.js';
import { truncate } from '../../src/chat/text.js';
import { parseLocalDay, parseLocalTime, type PeriodUnit } from '../../src/kernel/calendar.js';
import { handoverMinutes } from '../../src/domains/duty/rules/schedule.js';
import type { SheetRow } from '../../src/domains/duty/rules/spreadsheet.js';

/** A team name, or `duty.errors.unknown_team`. */
export function requireTeam(typed: string | undefined): DutyTeam {
  const team = typed?.trim().toLowerCase() ?? '';
  if (!isDutyTeam(team)) throw new UserError('duty.errors.unknown_team', { team: truncate(team, 20) }, 'duty');
  return team;
}

/** The options of `/duty set`: `every=1d|7d|1w`, `from=2026-12-01`, `at=09:00`. */
export interface SetOptions {
  shiftDays: number;
  fromDay: string;
  handover?: string;
}

/** Splits `/duty set` words into people (everything without `=`) and the options; `today` is the default first day. */
export function parseSetWords(
  words: readonly string[],
  today: string,
  zone: string,
): { people: string[]; options: SetOptions } {
  const people: string[] = [];
  const options: SetOptions = { shiftDays: 1, fromDay: today };
  for (const word of words) {
    const match = /^(every|from|at)=(.*)$/i.exec(word);
    if (!match) {
      people.push(...word.split(',').filter(Boolean));
      continue;
    }
    const [, name, value] = match;
    if (name!.toLowerCase() === 'every') {
      const length = /^(\d{1,2})([dw])$/i.exec(value!);
      const days = length ? Number(length[1]) * (length[2]!.toLowerCase() === 'w' ? 7 : 1) : 0;
      if (days < 1 || days > 31) throw new UserError('duty.errors.bad_every', { value: truncate(value!, 10) }, 'duty');
      options.shiftDays = days;
    } else if (name!.toLowerCase() === 'from') {
      if (!parseLocalDay(value!, zone))
        throw new UserError('duty.errors.bad_day', { value: truncate(value!, 20) }, 'duty');
      options.fromDay = value!;
    } else {
      if (handoverMinutes(value!) === undefined) {
        throw new UserError('duty.errors.bad_at', { value: truncate(value!, 10) }, 'duty');
      }
      options.handover = value!.padStart(5, '0');
    }
  }
  return { people, options };
}

/** `2026-12-01T22:00` in TIMEZONE, or `duty.errors.bad_time`. */
export function requireLocalTime(typed: string | undefined, zone: string): Date {
  const parsed = parseLocalTime(typed ?? '', zone);
  if (!parsed.ok) throw new UserError('duty.errors.bad_time', { value: truncate(typed ?? '', 20) }, 'duty');
  return parsed.at;
}

/** `day`, `week` (default) or `month`, and whether `last` was asked. */
export function parsePeriod(words: readonly string[]): { unit: PeriodUnit; offset: number } {
  const unit = (words.find((w) => ['day', 'week', 'month'].includes(w.toLowerCase()))?.toLowerCase() ??
    'week') as PeriodUnit;
  return { unit, offset: words.some((w) => w.toLowerCase() === 'last') ? -1 : 0 };
}

/**
 * Shifts typed in chat after `/duty import <team>`: `2026-12-01 <primary> [secondary]; 2026-12-02 …`,
 * one shift per `;`-separated part, people as mentions or keys. Row numbers count the parts from 1.
 * `resolve` turns what was typed for a person into a key (undefined when it names nobody: the rules
 * then refuse the row as an unknown person).
 */
export function typedRows(words: readonly string[], resolve: (typed: string) => string | undefined): SheetRow[] {
  return words
    .join(' ')
    .split(';')
    .map((part) => part.trim().split(/\s+/).filter(Boolean))
    .filter((part) => part.length > 0)
    .map(([date, primary, secondary], i) => ({
      row: i + 1,
      date: date ?? '',
      primary: primary ? (resolve(primary) ?? truncate(primary, 40)) : '',
      secondary: secondary ? (resolve(secondary) ?? truncate(secondary, 40)) : '',
      days: '',
      primaryPhone: '',
      secondaryPhone: '',
    }));
}
