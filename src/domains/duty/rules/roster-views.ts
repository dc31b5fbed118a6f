// A roster seen over a span of time: the calendar feeds' events (eight weeks ahead, one back) and
// the rows of an exported spreadsheet (the same span), from the schedule's shifts.
import type { DutyRoster } from '../../../../models/duty/roster.js';
import type { CalendarEvent } from '../../../kernel/icalendar.js';
import type { Translate } from '../../../kernel/i18n.js';
import { teamName } from '../cards/words.js';
import { addDays, handoverBefore, shiftsBetween, type Shift } from './schedule.js';
import type { SheetShift } from './spreadsheet.js';
import dayjs from 'dayjs';

const WEEKS_AHEAD = 8;

function span(now: Date, roster: DutyRoster, zone: string): { from: Date; to: Date } {
  const start = handoverBefore(now, roster.handover, zone);
  return { from: addDays(start, -7, zone), to: addDays(start, WEEKS_AHEAD * 7, zone) };
}

/** The team feed: one event per stretch, its primary (and secondary) in the summary. */
export function feedEvents(
  roster: DutyRoster,
  now: Date,
  zone: string,
  t: Translate,
  keep: (shift: Shift) => boolean = () => true,
): CalendarEvent[] {
  const { from, to } = span(now, roster, zone);
  return shiftsBetween(roster, from, to, zone)
    .filter(keep)
    .map((s) => ({
      uid: `duty-${roster._id}-${s.start.getTime()}@zhiban`,
      start: s.start,
      end: s.end,
      summary: t('duty.feed.summary', { team: teamName(t, roster._id), primary: s.primary }),
      description: t('duty.feed.description', { primary: s.primary, secondary: s.secondary ?? t('duty.nobody') }),
      updatedAt: roster.updatedAt,
    }));
}

/** One person's feed: every stretch of every team where they are primary or secondary. */
export function personFeedEvents(
  rosters: readonly DutyRoster[],
  person: string,
  now: Date,
  zone: string,
  t: Translate,
): CalendarEvent[] {
  return rosters.flatMap((roster) =>
    feedEvents(roster, now, zone, t, (s) => s.primary === person || s.secondary === person),
  );
}

/** The spreadsheet rows of the span: one per stretch, its length in whole days (at least 1). */
export function exportShifts(roster: DutyRoster, now: Date, zone: string): SheetShift[] {
  const { from, to } = span(now, roster, zone);
  return shiftsBetween(roster, from, to, zone).map((s) => ({
    date: dayjs(s.start).tz(zone).format('YYYY-MM-DD'),
    primary: s.primary,
    ...(s.secondary ? { secondary: s.secondary } : {}),
    days: Math.max(1, Math.round((s.end.getTime() - s.start.getTime()) / 86_400_000)),
  }));
}
