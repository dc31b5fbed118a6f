// Times and durations as a person reads them, in the team's time zone and the reader's language.
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import type { Translate } from '../i18n.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export function formatTime(at: Date, zone: string): string {
  return dayjs(at).tz(zone).format('YYYY-MM-DD HH:mm');
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
