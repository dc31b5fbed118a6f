// When an upgrade says something unasked (issue 14, after status.io's 72 h / 24 h / 1 h and
// Statuspage's "window open"): 24 h and 1 h before the window (only those still ahead when it is
// announced), at its start ("click Start"), and, once started, every 15 minutes past its end
// until it is completed or rolled back. Pure: the sweep stores the next one in the upgrade.
import type { Reminder, ReminderKind, UpgradeState } from '../../../../models/upgrades/upgrade.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Overrun reminders repeat this often until the upgrade ends. */
export const OVERRUN_EVERY_MS = 15 * 60_000;

/** The reminders before a window that are still ahead at `now`, soonest first, ending with its opening. */
export function remindersBefore(start: Date, now: Date): Reminder[] {
  const at = (ms: number) => new Date(start.getTime() - ms);
  const ahead: Reminder[] = [
    { kind: 'day', at: at(DAY_MS) },
    { kind: 'hour', at: at(HOUR_MS) },
  ].filter((r) => r.at.getTime() > now.getTime()) as Reminder[];
  return [...ahead, { kind: 'open', at: start }];
}

/** The first reminder of a window announced (or approved) at `now`. */
export function firstReminder(start: Date, now: Date): Reminder {
  return remindersBefore(start, now)[0]!;
}

/**
 * What comes after `sent` was said at `now`. Before the start: the next of the window's reminders
 * still ahead (one missed while no process ran is skipped, not said late); after the opening of a
 * window nobody started: nothing more; in progress: overrun reminders from the end, every 15 minutes.
 */
export function reminderAfter(
  sent: ReminderKind,
  window: { start: Date; end: Date; state: UpgradeState },
  now: Date,
): Reminder | null {
  if (window.state === 'in_progress') return overrunAfter(window.end, now);
  if (window.state !== 'scheduled' || sent === 'open' || sent === 'overrun') return null;
  const later = remindersBefore(window.start, now).filter((r) => order(r.kind) > order(sent));
  return later[0] ?? null;
}

/** The overrun reminder of a started window: at its end, or the next 15-minute step after `now`. */
export function overrunAfter(end: Date, now: Date): Reminder {
  if (end.getTime() > now.getTime()) return { kind: 'overrun', at: end };
  const steps = Math.floor((now.getTime() - end.getTime()) / OVERRUN_EVERY_MS) + 1;
  return { kind: 'overrun', at: new Date(end.getTime() + steps * OVERRUN_EVERY_MS) };
}

function order(kind: ReminderKind): number {
  return ['day', 'hour', 'open', 'overrun'].indexOf(kind);
}
