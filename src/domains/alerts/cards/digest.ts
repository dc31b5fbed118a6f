// The digest card of a storm in the alerts channel: how many alerts in how many groups in the last
// minute, the worst groups first, and the short id of every other group, so each group is named
// somewhere while its own card waits its turn. Draws a StormPicture; reads nothing itself.
import type { CardField, Message } from '../../../chat/card.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { StormPicture } from '../rules/storm-picture.js';
import { alertGroupTitle } from './group.js';
import { formatTime } from '../../../chat/time.js';

export const WORST_SHOWN = 10;
/** The other groups by id only: a hundred ids fit a Discord field (1024 characters). */
export const IDS_SHOWN = 100;

/** The title reads only the fields a StormGroup has. */
type Titled = Parameters<typeof alertGroupTitle>[1];

/** `waiting` is how many messages the outbox holds; `since` when the storm began. */
export function alertDigestMessage(
  t: Translate,
  picture: StormPicture,
  held: { since: Date; waiting: number },
  timezone: string,
): Message {
  const worst = picture.ranked.slice(0, WORST_SHOWN);
  const others = picture.ranked.slice(WORST_SHOWN).map((group) => group.shortId);
  const title =
    picture.alerts > 0
      ? t('storm.alerts.title', { alerts: picture.alerts, groups: picture.groups })
      : t('storm.alerts.quiet');
  const lines = worst.map(
    (g) => `• ${alertGroupTitle(t, g as unknown as Titled)} — ${t('storm.alerts.count', { count: g.recent })}`,
  );
  return {
    text: title,
    cards: [
      {
        title,
        ...(lines.length > 0 ? { text: [t('storm.alerts.worst'), ...lines].join('\n') } : {}),
        tone: worst[0]?.severity ?? 'major',
        fields: [
          { label: t('storm.field.since'), value: formatTime(held.since, timezone), short: true },
          { label: t('storm.field.waiting'), value: String(held.waiting), short: true },
          ...othersField(t, others),
        ],
        footer: t('storm.alerts.footer'),
      },
    ],
  };
}

function othersField(t: Translate, ids: readonly string[]): CardField[] {
  if (ids.length === 0) return [];
  const more = ids.length - IDS_SHOWN;
  const listed = ids.slice(0, IDS_SHOWN).join(', ');
  return [
    {
      label: t('storm.alerts.others'),
      value: more > 0 ? `${listed} ${t('storm.alerts.more', { count: more })}` : listed,
    },
  ];
}
