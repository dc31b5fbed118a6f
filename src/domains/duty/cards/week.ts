// `/duty week [team]`: the shifts of the ISO week holding today, one line each.
import type { Message } from '../../../chat/card.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { Period } from '../../../kernel/calendar.js';
import type { Shift } from '../rules/schedule.js';
import { personOrNobody, shortTime, teamName } from './words.js';

/** `/duty week`: each team's stretches of the ISO week, one line each, with where each comes from. */
export function dutyWeekMessage(
  t: Translate,
  teams: ReadonlyArray<{ team: string; shifts: readonly Shift[] }>,
  week: Period,
  zone: string,
): Message {
  const title = t('duty.week.title', { week: week.label });
  const blocks = teams.map(({ team, shifts }) => {
    const lines = shifts.map((s) =>
      t('duty.week.line', {
        from: shortTime(s.start, zone),
        to: shortTime(s.end, zone),
        primary: s.primary,
        secondary: personOrNobody(t, s.secondary),
        source: t(`duty.source.${s.source}`),
      }),
    );
    return { label: teamName(t, team), value: lines.length ? lines.join('\n') : t('duty.week.empty') };
  });
  const text = blocks.map((b) => `${b.label}\n${b.value}`).join('\n\n') || t('duty.now.empty');
  return {
    text: `${title}\n${text}`,
    cards: [{ title, tone: 'info', fields: blocks.length ? blocks : [{ label: title, value: text }] }],
  };
}
