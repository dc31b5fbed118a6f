// An upgrade's card in `announcements` (issue 14): system, version (current → new), window with its
// length and how far away, risk, impact, release notes, scope, steps, rollback plan; edited in place
// as it moves scheduled → in progress → completed | rolled back | cancelled, with the buttons that
// make sense in each state. A high-risk draft has the same card in `approvals`, with approve/reject.
import { cardValue } from '../../../chat/card-value.js';
import type { Card, CardButton, CardField, Message, Tone } from '../../../chat/card.js';
import { truncate } from '../../../chat/text.js';
import { formatTime } from '../../../chat/time.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { Upgrade } from '../../../../models/upgrades/upgrade.js';
import { actorName, distanceLine, versionLine, windowLine } from './words.js';

/** Longest text of one field on a card (the platforms' own limits are lower than what people may write). */
const FIELD_MAX = 900;

export function upgradeCard(t: Translate, upgrade: Upgrade, now: Date, zone: string): Card {
  const field = (key: string, value: string | undefined, short = false): CardField[] =>
    value ? [{ label: t(`upgrade.field.${key}`), value: truncate(value, FIELD_MAX), ...(short ? { short } : {}) }] : [];
  const { plan } = upgrade;
  const ended = upgrade.endedAt && upgrade.endedBy;
  const last = upgrade.timeline.at(-1);
  return {
    title: t('upgrade.card.title', { id: upgrade._id, system: upgrade.system, version: upgrade.toVersion }),
    text: truncate(upgrade.summary, FIELD_MAX),
    tone: toneOf(upgrade),
    fields: [
      ...field('state', t(`upgrade.state.${upgrade.state}`), true),
      ...field('system', upgrade.system, true),
      ...field('version', versionLine(t, upgrade), true),
      ...field('risk', t(`upgrade.risk.${upgrade.risk}`), true),
      ...field('window', windowLine(t, upgrade, zone)),
      ...(['scheduled', 'in_progress', 'pending_approval'].includes(upgrade.state)
        ? field('when', distanceLine(t, upgrade, now), true)
        : []),
      ...field('impact', plan.impact),
      ...field('notes', plan.notes),
      ...field('scope', plan.scope),
      ...field('steps', plan.steps),
      ...field('rollback_plan', plan.rollbackPlan),
      ...field('author', upgrade.author, true),
      ...(upgrade.startedAt && upgrade.startedBy
        ? field(
            'started',
            t('upgrade.card.by_at', { by: actorName(t, upgrade.startedBy), at: formatTime(upgrade.startedAt, zone) }),
            true,
          )
        : []),
      ...(ended && upgrade.state !== 'expired'
        ? field(
            'ended',
            t('upgrade.card.by_at', { by: actorName(t, upgrade.endedBy!), at: formatTime(upgrade.endedAt!, zone) }),
            true,
          )
        : []),
      ...(upgrade.state === 'completed'
        ? field(
            'result',
            last?.text ? t('upgrade.card.verified_notes', { notes: last.text }) : t('upgrade.card.verified'),
          )
        : []),
      ...(['rolled_back', 'cancelled', 'rejected'].includes(upgrade.state) ? field('reason', last?.text) : []),
    ],
    buttons: buttons(t, upgrade),
    footer: t('upgrade.card.footer', { id: upgrade._id, zone }),
  };
}

export function upgradeMessage(t: Translate, upgrade: Upgrade, now: Date, zone: string): Message {
  const card = upgradeCard(t, upgrade, now, zone);
  return { text: `${card.title} — ${t(`upgrade.state.${upgrade.state}`)}`, cards: [card] };
}

function toneOf(upgrade: Upgrade): Tone {
  switch (upgrade.state) {
    case 'in_progress':
      return 'minor';
    case 'completed':
      return 'success';
    case 'rolled_back':
      return 'major';
    case 'scheduled':
    case 'pending_approval':
      return upgrade.risk === 'high' ? 'major' : 'info';
    default:
      return 'neutral';
  }
}

function buttons(t: Translate, upgrade: Upgrade): CardButton[] {
  const button = (action: string, style?: CardButton['style']): CardButton => ({
    actionId: `upgrade.${action}`,
    value: cardValue(upgrade._id, upgrade.version),
    label: t(`upgrade.button.${action}`),
    ...(style ? { style } : {}),
  });
  switch (upgrade.state) {
    case 'pending_approval':
      return [button('approve', 'primary'), button('reject', 'danger')];
    case 'scheduled':
      return [button('start', 'primary')];
    case 'in_progress':
      return [button('complete', 'primary'), button('rollback', 'danger')];
    default:
      return [];
  }
}
