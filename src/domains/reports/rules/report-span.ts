// Which span a report covers (issue 16). A daily digest is labelled by the day it is sent and covers
// the 24 hours up to 09:00 that day in TIMEZONE; a weekly review covers an ISO week (sent on the
// Monday after, at 09:00); a quarterly evaluation a calendar quarter (sent on the next quarter's
// first day, at 09:00). `/ops report <kind> [period]`: no period is the current one so far, `last`
// the one before (the one last sent), or a name: `2026-11-30`, `2026-W48`, `2026-Q4`.
import {
  localDay,
  parseLocalDay,
  parseLocalTime,
  periodOf,
  type Period,
  type PeriodUnit,
} from '../../../kernel/calendar.js';
import type { ReportKind, ReportPeriod, ReportSpan } from '../../report-section.js';

/** When each report is sent, in TIMEZONE (the daily one also closes its 24 hours then). */
export const REPORT_TIME = '09:00';

const UNIT: Record<ReportKind, Exclude<PeriodUnit, 'month'>> = { daily: 'day', weekly: 'week', quarterly: 'quarter' };
const NAMED: Record<ReportKind, RegExp> = {
  daily: /^\d{4}-\d{2}-\d{2}$/,
  weekly: /^(\d{4})-W(\d{2})$/i,
  quarterly: /^(\d{4})-Q([1-4])$/i,
};

export type SpanProblem = 'bad_period' | 'future';

/** The span of `kind` named by `text` (see the file's comment), as at `now`; or why not. */
export function spanOf(
  kind: ReportKind,
  text: string | undefined,
  now: Date,
  timezone: string,
): { ok: true; span: ReportSpan } | { ok: false; problem: SpanProblem } {
  const typed = text?.trim().toLowerCase();
  const current = currentPeriod(kind, now, timezone);
  let period: Period | undefined;
  if (!typed) period = current;
  else if (typed === 'last') period = step(kind, current, -1, timezone);
  else period = named(kind, typed.toUpperCase(), timezone);
  if (!period) return { ok: false, problem: 'bad_period' };
  if (period.start.getTime() > now.getTime()) return { ok: false, problem: 'future' };
  return { ok: true, span: spanFrom(kind, period, now, timezone) };
}

/** The span a scheduled report sent at `now` covers: the period that just ended. */
export function scheduledSpan(kind: ReportKind, now: Date, timezone: string): ReportSpan {
  return spanFrom(kind, step(kind, currentPeriod(kind, now, timezone), -1, timezone), now, timezone);
}

/** When the scheduled report of the period holding `now` is due: 09:00 of the day it is sent. */
export function dueAt(kind: ReportKind, now: Date, timezone: string): Date {
  const day =
    kind === 'daily' ? localDay(now, timezone) : localDay(periodOf(UNIT[kind], now, timezone).start, timezone);
  return nineOn(day, timezone);
}

function spanFrom(kind: ReportKind, period: Period, now: Date, timezone: string): ReportSpan {
  const previous = step(kind, period, -1, timezone);
  return {
    kind,
    label: period.label,
    start: period.start,
    end: period.end,
    previous: plain(previous),
    at: now,
    soFar: period.end.getTime() > now.getTime(),
    timezone,
  };
}

function plain({ label, start, end }: Period): ReportPeriod {
  return { label, start, end };
}

function currentPeriod(kind: ReportKind, now: Date, timezone: string): Period {
  if (kind !== 'daily') return periodOf(UNIT[kind], now, timezone);
  // The digest not yet sent: today's before 09:00, tomorrow's after.
  const today = localDay(now, timezone);
  const day = now.getTime() < nineOn(today, timezone).getTime() ? today : nextDay(today, timezone);
  return digestOf(day, timezone);
}

function step(kind: ReportKind, period: Period, by: number, timezone: string): Period {
  if (kind !== 'daily') return periodOf(UNIT[kind], period.start, timezone, by);
  const day = localDay(new Date(period.end.getTime() + by * 86_400_000), timezone);
  return digestOf(day, timezone);
}

/** The digest sent on `day`: the 24 hours (a day's worth in TIMEZONE) up to 09:00 that day. */
function digestOf(day: string, timezone: string): Period {
  const end = nineOn(day, timezone);
  const previousDay = localDay(periodOf('day', end, timezone, -1).start, timezone);
  return { unit: 'day', start: nineOn(previousDay, timezone), end, label: day };
}

function named(kind: ReportKind, typed: string, timezone: string): Period | undefined {
  const match = NAMED[kind].exec(typed);
  if (!match) return undefined;
  if (kind === 'daily') return parseLocalDay(typed, timezone) ? digestOf(typed, timezone) : undefined;
  const year = Number(match[1]);
  const n = Number(match[2]);
  // A day inside the named period, then the calendar's own period around it; the label must round-trip.
  const inside =
    kind === 'weekly'
      ? new Date(Date.UTC(year, 0, 4 + (n - 1) * 7, 12))
      : new Date(Date.UTC(year, (n - 1) * 3, 15, 12));
  const period = periodOf(UNIT[kind], inside, timezone);
  return period.label === typed ? period : undefined;
}

function nineOn(day: string, timezone: string): Date {
  const parsed = parseLocalTime(`${day}T${REPORT_TIME}`, timezone);
  return parsed.ok ? parsed.at : parseLocalDay(day, timezone)!.start;
}

function nextDay(day: string, timezone: string): string {
  return localDay(parseLocalDay(day, timezone)!.end, timezone);
}
