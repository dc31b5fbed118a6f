// The handover card (交接班): outgoing → incoming, the open work the team hands over, the outgoing
// person's note, and the incoming person's "take over" (`duty.takeover`) until they click it.
import type { Card, Message } from '../../../chat/card.js';
import { cardValue } from '../../../chat/card-value.js';
import { formatTime } from '../../../chat/time.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { Handover } from '../../../../models/duty/handover.js';
import { personOrNobody, teamName } from './words.js';

export const TAKEOVER_ACTION = 'duty.takeover';
export const NOTE_ACTION = 'duty.note';

/** The handover as a card: who hands over to whom, the shift, the open work, the note, and while open its two buttons (value `HO-3~<version>`). */
export function handoverCard(t: Translate, handover: Handover, zone: string): Card {
  const title = t('duty.handover.title', { id: handover.shortId, team: teamName(t, handover.team) });
  const fields = [
    {
      label: t('duty.handover.who'),
      value: t('duty.handover.who_value', {
        outgoing: personOrNobody(t, handover.outgoing),
        incoming: handover.incoming,
      }),
    },
    {
      label: t('duty.handover.shift'),
      value: `${formatTime(handover.at, zone)} → ${formatTime(handover.until, zone)}`,
    },
    ...handover.items.map(({ kind, items, failed }) => ({
      label: t(`duty.handover.items.${kind}`),
      value: failed
        ? t('duty.handover.unavailable')
        : items.length
          ? items.map((i) => i.text).join('\n')
          : t('duty.handover.none'),
    })),
    ...(handover.note ? [{ label: t('duty.handover.note'), value: handover.note }] : []),
    {
      label: t('duty.handover.state'),
      value:
        handover.state === 'taken'
          ? t('duty.handover.taken', {
              by: handover.takenBy ?? '',
              at: formatTime(handover.takenAt ?? handover.at, zone),
            })
          : t('duty.handover.waiting', { incoming: handover.incoming }),
    },
  ];
  const value = cardValue(handover.shortId, handover.version);
  return {
    title,
    tone: handover.state === 'taken' ? 'success' : 'major',
    fields,
    ...(handover.state === 'open'
      ? {
          buttons: [
            { actionId: TAKEOVER_ACTION, value, label: t('duty.handover.takeover'), style: 'primary' as const },
            { actionId: NOTE_ACTION, value, label: t('duty.handover.add_note') },
          ],
        }
      : {}),
  };
}

/** The handover card as a message (channel card, private card, or the clicked card updated). */
export function handoverMessage(t: Translate, handover: Handover, zone: string): Message {
  const card = handoverCard(t, handover, zone);
  return { text: card.title, cards: [card] };
}

/** Nobody took over within 15 minutes: said to the secondary and pm. */
export function handoverOverdueMessage(t: Translate, handover: Handover, zone: string): Message {
  const text = t('duty.handover.overdue', {
    id: handover.shortId,
    team: teamName(t, handover.team),
    incoming: handover.incoming,
    outgoing: personOrNobody(t, handover.outgoing),
    at: formatTime(handover.at, zone),
  });
  return { text, cards: [{ ...handoverCard(t, handover, zone), text }] };
}

/** `/duty handovers`: one line each, newest first. */
export function handoverListMessage(
  t: Translate,
  handovers: readonly Handover[],
  label: string,
  zone: string,
): Message {
  const title = t('duty.handovers.title', { period: label, count: handovers.length });
  const lines = handovers.map((h) =>
    t('duty.handovers.line', {
      id: h.shortId,
      at: formatTime(h.at, zone),
      team: teamName(t, h.team),
      outgoing: personOrNobody(t, h.outgoing),
      incoming: h.incoming,
      state:
        h.state === 'taken'
          ? t('duty.handover.taken', { by: h.takenBy ?? '', at: formatTime(h.takenAt ?? h.at, zone) })
          : t('duty.handover.not_taken'),
    }),
  );
  const text = lines.length ? lines.join('\n') : t('duty.handovers.empty');
  return { text: `${title}\n${text}`, cards: [{ title, text, tone: 'neutral' }] };
}
