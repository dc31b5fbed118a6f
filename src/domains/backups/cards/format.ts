// How the backups domain writes sizes, spans and a finding's facts for people: sizes in binary
// units (their symbols read the same in every language), spans and times in the reader's words
// and the team's time zone.
import { formatDuration, formatTime } from '../../../chat/time.js';
import { localDay } from '../../../kernel/calendar.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { Fact } from '../rules/finding.js';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** `12.3 GiB`: three significant figures at most, whole bytes below a KiB. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 ? String(Math.round(value)) : value >= 100 ? value.toFixed(0) : value.toPrecision(3);
  return `${shown} ${UNITS[unit]}`;
}

/** A policy's span in words: `7 天`, `1 hour`; an uneven one as hours and minutes. */
export function formatSpan(t: Translate, ms: number): string {
  if (ms >= DAY && ms % DAY === 0) return t('backup.span.days', { count: ms / DAY });
  if (ms >= HOUR && ms % HOUR === 0) return t('backup.span.hours', { count: ms / HOUR });
  return formatDuration(t, ms);
}

/** How long ago, in words (`3d 2h`). */
export function formatAge(t: Translate, at: Date, now: Date): string {
  return formatDuration(t, Math.max(0, now.getTime() - at.getTime()));
}

/** A finding's facts as text, by the convention of their names (see Fact). */
export function factText(t: Translate, facts: Readonly<Record<string, Fact>>, zone: string): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(facts)) {
    if (value === undefined) continue;
    if (value instanceof Date) text[name] = name.endsWith('On') ? localDay(value, zone) : formatTime(value, zone);
    else if (typeof value === 'number' && name.endsWith('Ms')) text[name] = formatSpan(t, value);
    else if (typeof value === 'number' && name.endsWith('Bytes')) text[name] = formatBytes(value);
    else text[name] = String(value);
  }
  return text;
}
