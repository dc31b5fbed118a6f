// Numbers as a report's reader reads them, shared by every domain's report section: shares as
// percentages, and how a number moved against the period before.
import { formatDuration } from '../chat/time.js';
import type { Translate } from '../kernel/i18n.js';

/** `0.9876` → `98.8%` (one decimal, as an evaluation compares availabilities near 100 %). */
export function percent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/** `+3` / `−2` / `±0`: how `now` moved against `before`. */
export function change(now: number, before: number): string {
  const delta = Math.round((now - before) * 10) / 10;
  return delta > 0 ? `+${delta}` : delta < 0 ? `−${-delta}` : '±0';
}

/** A mean time in the reader's words, or `–` when there is none. */
export function meanTime(t: Translate, ms: number | undefined): string {
  return ms === undefined ? '–' : formatDuration(t, ms);
}

/** Milliseconds as hours for a workbook cell (two decimals), or an empty cell. */
export function hoursCell(ms: number | undefined): number | null {
  return ms === undefined ? null : Math.round(ms / 36_000) / 100;
}
