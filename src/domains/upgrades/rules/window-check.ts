// The checks of a maintenance window as announced (issue 14, "Checked"): it starts in the future,
// ends after it starts, and lasts at most 7 days. Pure.
import { formatTime } from '../../../chat/time.js';
import { UserError } from '../../../chat/user-error.js';
import { DAY_MS } from './reminders.js';

/** The longest window: a week (issue 14). */
export const WINDOW_MAX_MS = 7 * DAY_MS;

/** Throws the UserError of the first check `[start, end)` fails at `now`; `zone` names times in it. */
export function checkWindow(start: Date, end: Date, now: Date, zone: string): void {
  const at = (d: Date) => formatTime(d, zone);
  if (start.getTime() <= now.getTime()) {
    throw new UserError('upgrade.errors.start_past', { start: at(start), now: at(now) });
  }
  if (end.getTime() <= start.getTime()) {
    throw new UserError('upgrade.errors.end_before_start', { start: at(start), end: at(end) });
  }
  if (end.getTime() - start.getTime() > WINDOW_MAX_MS) {
    throw new UserError('upgrade.errors.too_long', { days: WINDOW_MAX_MS / DAY_MS });
  }
}
