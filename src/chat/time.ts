// Times and durations as a person reads them, in the team's time zone and the reader's language.
import type { Translate } from '../kernel/i18n.js';

// One formatter per zone (and precision): building an Intl formatter is the expensive part
// (dayjs's timezone plugin builds one per call, which showed in the benchmark's profile).
const formatters = new Map<string, Intl.DateTimeFormat>();

/** `2026-12-01 22:00` in `zone`; with `seconds`, `2026-12-01 22:00:05` (an audit export's precision). */
export function formatTime(at: Date, zone: string, seconds = false): string {
  const cacheKey = `${zone}|${seconds ? 's' : 'm'}`;
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' as const } : {}),
      hourCycle: 'h23',
    });
    formatters.set(cacheKey, formatter);
  }
  const part = Object.fromEntries(formatter.formatToParts(at).map((p) => [p.type, p.value]));
  const minutes = `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
  return seconds ? `${minutes}:${part.second}` : minutes;
}

/** 2h 5m / 2小时5分 — minutes are enough for incident ages, MTTA and MTTR. */
export function formatDuration(t: Translate, ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return t('time.dh', { d: days, h: hours });
  if (hours > 0) return t('time.hm', { h: hours, m: rest });
  return t('time.m', { m: rest });
}
