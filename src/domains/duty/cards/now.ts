// `/duty now [team]`: who is on duty for each team, until when, who is next, and a handover still
// waiting for the incoming person (the outgoing one is paged meanwhile).
import type { Message } from '../../../chat/card.js';
import { formatTime } from '../../../chat/time.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { DutyNow } from '../rules/duty-desk.js';
import { personOrNobody, teamName } from './words.js';

/** One team's line of `/duty now`: undefined `now` when it keeps no roster. */
export interface TeamNow {
  team: string;
  now: DutyNow | undefined;
}

/** A team's duty in one line (and a second for a handover not yet taken over). */
export function teamNowLine(t: Translate, { team, now }: TeamNow, zone: string): string {
  const name = teamName(t, team);
  if (!now) return t('duty.now.no_roster', { team: name });
  const { shift, next, pending } = now;
  if (!shift) {
    return t('duty.now.nobody', { team: name, next: next ? `${next.primary} (${formatTime(next.start, zone)})` : '—' });
  }
  const line = t('duty.now.line', {
    team: name,
    primary: shift.primary,
    secondary: personOrNobody(t, shift.secondary),
    until: formatTime(shift.end, zone),
    next: next ? next.primary : t('duty.nobody'),
  });
  if (!pending?.outgoing) return line;
  return `${line}\n${t('duty.now.pending', { outgoing: pending.outgoing, incoming: pending.incoming, id: pending.shortId })}`;
}

/** `/duty now`: one line per team, the time it was asked in the footer. */
export function dutyNowMessage(t: Translate, teams: readonly TeamNow[], now: Date, zone: string): Message {
  const title = t('duty.now.title');
  const lines = teams.length ? teams.map((team) => teamNowLine(t, team, zone)) : [t('duty.now.empty')];
  const text = lines.join('\n');
  return { text: `${title}\n${text}`, cards: [{ title, text, tone: 'info', footer: formatTime(now, zone) }] };
}
