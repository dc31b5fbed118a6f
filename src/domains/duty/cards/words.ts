// Small pieces of the duty cards' words: a team's name, a time, a person or "nobody".
import type { Translate } from '../../../kernel/i18n.js';
import { formatTime } from '../../../chat/time.js';

/** The team's name in the reader's language (`roles.sysops`: 系统运维). */
export function teamName(t: Translate, team: string): string {
  return t(`roles.${team}`);
}

/** A person's key, or the words for nobody. */
export function personOrNobody(t: Translate, person: string | undefined): string {
  return person ?? t('duty.nobody');
}

/** `12-01 09:00`: within a week or two the year goes without saying. */
export function shortTime(at: Date, zone: string): string {
  return formatTime(at, zone).slice(5);
}
