// An alert group's card: how bad, where, how many firing / resolved / silenced, since when, who
// is on it, which incident it became, and the buttons that make sense while it fires.
import { cardValue } from '../../../chat/card-value.js';
import type { Card, CardButton, Message, Tone } from '../../../chat/card.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { AlertGroup } from '../../../../models/alerts/alert-group.js';
import { formatTime } from '../../../chat/time.js';

type ShownGroup = AlertGroup & { shortId: string };

export function alertGroupCard(t: Translate, group: ShownGroup, zone: string): Card {
  const state = displayState(group);
  const truncated = group.truncated ?? 0;
  const shownMore = group.firing - group.samples.length;
  const lines = [
    ...group.samples,
    ...(shownMore > 0 ? [t('alert.more', { count: shownMore })] : []),
    ...(truncated > 0 ? [t('alert.truncated', { count: truncated })] : []),
  ];
  return {
    title: alertGroupTitle(t, group),
    ...(lines.length > 0 && group.state === 'firing' ? { text: lines.join('\n') } : {}),
    tone: toneOf(group),
    fields: [
      { label: t('alert.field.state'), value: t(`alert.state.${state}`), short: true },
      { label: t('alert.field.layer'), value: t(`alert.layer.${group.layer}`), short: true },
      { label: t('alert.field.system'), value: group.system || '—', short: true },
      {
        label: t('alert.field.counts'),
        // What the sender left out still fires: it is counted, and the text says why it is not named.
        value: t('alert.counts', {
          firing: group.firing + truncated,
          resolved: group.resolved,
          silenced: group.silenced,
        }),
        short: true,
      },
      { label: t('alert.field.first_seen'), value: formatTime(sinceOf(group), zone), short: true },
      { label: t('alert.field.last_seen'), value: formatTime(group.lastSeenAt, zone), short: true },
      { label: t('alert.field.acked_by'), value: group.ackedBy ?? t('alert.nobody'), short: true },
      { label: t('alert.field.incident'), value: group.incidentId ?? '—', short: true },
      ...(group.maintenance && group.state === 'firing'
        ? [{ label: t('alert.field.maintenance'), value: t('alert.maintenance', { id: group.maintenance }) }]
        : []),
    ],
    buttons: buttons(t, group),
    footer: t('alert.footer', { id: group.shortId, labels: labelText(group.labels) }),
  };
}

export function alertGroupMessage(t: Translate, group: ShownGroup, zone: string): Message {
  const card = alertGroupCard(t, group, zone);
  return { text: `${card.title} — ${t(`alert.state.${displayState(group)}`)}`, cards: [card] };
}

export function alertGroupTitle(t: Translate, group: ShownGroup): string {
  const what = [group.name, group.system].filter(Boolean).join(' · ');
  return `[${t(`alert.severity.${group.severity}`)}] ${group.shortId} · ${what}`;
}

/** Firing alerts all silenced: the group is shown as silenced, not as firing. */
export function displayState(
  group: Pick<AlertGroup, 'state' | 'firing' | 'silenced'>,
): 'firing' | 'silenced' | 'resolved' {
  if (group.state === 'resolved') return 'resolved';
  return group.firing > 0 && group.silenced >= group.firing ? 'silenced' : 'firing';
}

export function labelText(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
}

function toneOf(group: AlertGroup): Tone {
  const state = displayState(group);
  if (state === 'resolved') return 'success';
  if (state === 'silenced' || group.maintenance) return 'neutral';
  return group.severity;
}

function buttons(t: Translate, group: ShownGroup): CardButton[] {
  if (group.state === 'resolved') return [];
  const button = (action: string, style?: CardButton['style']): CardButton => ({
    actionId: `alert.${action}`,
    // The card's version is its episode: a card of an earlier one, or of one since resolved, is stale.
    value: cardValue(group.shortId, group.episode),
    label: t(`alert.button.${action}`),
    ...(style ? { style } : {}),
  });
  const silenced = displayState(group) === 'silenced';
  return [
    ...(group.ackedBy ? [] : [button('ack', 'primary')]),
    silenced ? button('unsilence') : button('silence'),
    button('incident', group.incidentId ? undefined : 'danger'),
  ];
}

/** Since when the group fires: its earliest alert's own start when the sender gave one, else when it arrived. */
export function sinceOf(group: Pick<AlertGroup, 'startedAt' | 'firstSeenAt'>): Date {
  return group.startedAt ?? group.firstSeenAt;
}
