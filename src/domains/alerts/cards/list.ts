// `/alert list`: the groups firing now, most severe first, silenced ones marked, and the active
// silences with the ids `/alert unsilence` takes.
import { sinceOf } from './group.js';
import type { Card, Message } from '../../../chat/card.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { AlertGroup } from '../../../../models/alerts/alert-group.js';
import type { Silence } from '../../../../models/alerts/silence.js';
import { matcherText } from '../rules/matchers.js';
import { displayState } from './group.js';
import { formatTime } from '../../../chat/time.js';

type Listed = AlertGroup & { shortId: string };

export function alertListMessage(
  t: Translate,
  groups: readonly Listed[],
  total: number,
  silences: readonly Silence[],
  zone: string,
): Message {
  const title = t('alert.list.title', { count: total });
  const lines = groups.map((g) => groupLine(t, g, zone));
  if (total > groups.length) lines.push(t('alert.more', { count: total - groups.length }));
  const worst = groups[0];
  const cards: Card[] = [
    {
      title,
      text: lines.length > 0 ? lines.join('\n') : t('alert.list.empty'),
      tone: worst && displayState(worst) === 'firing' ? worst.severity : 'success',
    },
  ];
  if (silences.length > 0) {
    cards.push({
      title: t('alert.list.silences', { count: silences.length }),
      text: silences.map((s) => silenceLine(t, s, zone)).join('\n'),
      tone: 'neutral',
    });
  }
  return { text: [title, ...lines].join('\n'), cards };
}

function groupLine(t: Translate, g: Listed, zone: string): string {
  const state = displayState(g);
  const line = t('alert.list.line', {
    id: g.shortId,
    severity: t(`alert.severity.${g.severity}`),
    name: [g.name, g.system].filter(Boolean).join(' · '),
    firing: g.firing,
    since: formatTime(sinceOf(g), zone),
  });
  const marks = [
    ...(state === 'silenced' ? [t('alert.state.silenced')] : []),
    ...(g.silenced > 0 && state !== 'silenced' ? [t('alert.list.some_silenced', { count: g.silenced })] : []),
    ...(g.ackedBy ? [t('alert.list.acked', { by: g.ackedBy })] : []),
    ...(g.incidentId ? [g.incidentId] : []),
  ];
  return marks.length > 0 ? `${line} (${marks.join(' · ')})` : line;
}

function silenceLine(t: Translate, s: Silence, zone: string): string {
  return t('alert.list.silence_line', {
    id: s._id,
    matchers: s.matchers.map(matcherText).join(', '),
    until: formatTime(s.endsAt, zone),
    by: s.createdBy,
  });
}
