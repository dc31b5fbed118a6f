// An incident as the on-duty engineer needs it at 3 a.m.: what is wrong, how bad, who has it,
// how long, and exactly the buttons that make sense in its state.
import { cardValue } from '../../../chat/card-value.js';
import type { Card, CardButton, Message, Tone } from '../../../chat/card.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { Incident, Severity } from '../../../../models/incidents/incident.js';
import { isOpen, NEXT_STEP } from '../rules/lifecycle.js';
import { formatDuration, formatTime } from '../../../chat/time.js';

const TONE: Record<Severity, Tone> = { P1: 'critical', P2: 'major', P3: 'minor', P4: 'info' };

export function incidentCard(t: Translate, incident: Incident, now: Date, zone: string): Card {
  const id = incident.shortId;
  const declaredAt = incident.stateAt.reported ?? now;
  const endAt = incident.stateAt.resolved ?? now;
  return {
    title: `[${incident.severity}] ${id} · ${incident.title}`,
    text: incident.description || undefined,
    tone: isOpen(incident.state) ? TONE[incident.severity] : 'success',
    fields: [
      { label: t('incident.field.state'), value: t(`incident.state.${incident.state}`), short: true },
      { label: t('incident.field.severity'), value: t(`incident.severity.${incident.severity}`), short: true },
      { label: t('incident.field.category'), value: t(`incident.category.${incident.category}`), short: true },
      { label: t('incident.field.system'), value: incident.system || '—', short: true },
      { label: t('incident.field.assignee'), value: incident.assignee ?? t('incident.nobody'), short: true },
      {
        label: isOpen(incident.state) ? t('incident.field.age') : t('incident.field.duration'),
        value: formatDuration(t, endAt.getTime() - declaredAt.getTime()),
        short: true,
      },
      // A hydrated document has an empty `alerts` object when it came from no alert group.
      ...(incident.alerts?.state && isOpen(incident.state)
        ? [
            {
              label: t('incident.field.alerts'),
              value: t(`incident.alerts.${incident.alerts.state}`, { group: incident.alerts.group }),
            },
          ]
        : []),
      ...(incident.resolution ? [{ label: t('incident.field.resolution'), value: incident.resolution }] : []),
    ],
    buttons: buttons(t, incident),
    footer: t('incident.footer', { reporter: incident.reporter, at: formatTime(declaredAt, zone) }),
  };
}

export function incidentMessage(t: Translate, incident: Incident, now: Date, zone: string): Message {
  const card = incidentCard(t, incident, now, zone);
  return { text: `${card.title} — ${t(`incident.state.${incident.state}`)}`, cards: [card] };
}

function buttons(t: Translate, incident: Incident): CardButton[] {
  const id = incident.shortId;
  // Once someone owns it, "assign to me" reads as taking it over (the owner clicking it is told so).
  const label = (action: string) => (action === 'assign_me' && incident.assignee ? 'take_over' : action);
  const button = (action: string, style?: CardButton['style']): CardButton => ({
    actionId: `incident.${action}`,
    value: cardValue(id, incident.cardVersion ?? 0),
    label: t(`incident.button.${label(action)}`),
    ...(style ? { style } : {}),
  });
  switch (incident.state) {
    case 'reported':
      return [button('ack', 'primary'), button('assign_me'), button('escalate', 'danger')];
    case 'acknowledged':
    case 'investigating':
    case 'mitigating':
      // Its alerts all resolved: resolving is the likely next thing, so it leads.
      if (incident.alerts?.state === 'resolved') {
        return [button('resolve', 'primary'), button('assign_me'), button('escalate', 'danger')];
      }
      return [
        {
          ...button('advance', 'primary'),
          label: t('incident.button.advance_to', { step: t(`incident.state.${NEXT_STEP[incident.state]}`) }),
        },
        button('assign_me'),
        button('resolve'),
        button('escalate', 'danger'),
      ];
    case 'verifying':
      return [button('resolve', 'primary'), button('assign_me')];
    case 'resolved':
      return [{ ...button('advance', 'primary'), label: t('incident.button.write_summary') }];
    default:
      return [];
  }
}
