// `/upgrade list` (upcoming and in progress, soonest first), `/upgrade history <system>` (versions
// with dates, who, rolled back or not) and `/upgrade show` (the card with its whole story).
import type { Message } from '../../../chat/card.js';
import { formatTime } from '../../../chat/time.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { SystemVersion } from '../../../../models/upgrades/system-version.js';
import type { Upgrade } from '../../../../models/upgrades/upgrade.js';
import { stepLine } from './step.js';
import { upgradeCard } from './upgrade.js';
import { distanceLine, versionLine, windowLine } from './words.js';

export function upgradeListMessage(t: Translate, upgrades: readonly Upgrade[], now: Date, zone: string): Message {
  const title = t('upgrade.list.title', { count: upgrades.length });
  const lines = upgrades.map((u) =>
    t('upgrade.list.line', {
      id: u._id,
      system: u.system,
      version: versionLine(t, u),
      state: t(`upgrade.state.${u.state}`),
      window: windowLine(t, u, zone),
      when: distanceLine(t, u, now),
      risk: t(`upgrade.risk.${u.risk}`),
    }),
  );
  const text = lines.length ? lines.join('\n') : t('upgrade.list.empty');
  return {
    text: `${title}\n${text}`,
    cards: [{ title, text, tone: 'neutral', footer: t('upgrade.list.footer', { zone }) }],
  };
}

export function upgradeHistoryMessage(
  t: Translate,
  system: string,
  current: SystemVersion | null,
  upgrades: readonly Upgrade[],
  zone: string,
): Message {
  const title = t('upgrade.history.title', { system });
  const head = current?.current
    ? t('upgrade.history.current', {
        version: current.current,
        since: current.since ? formatTime(current.since, zone) : '—',
        id: current.upgradeId ?? '—',
      })
    : t('upgrade.history.no_current');
  const rule = current?.pattern
    ? t('upgrade.history.rule', { pattern: current.pattern })
    : t('upgrade.history.rule_semver');
  const lines = upgrades.map((u) =>
    t(`upgrade.history.line_${u.state === 'completed' ? 'completed' : 'rolled_back'}`, {
      id: u._id,
      version: versionLine(t, u),
      at: u.endedAt ? formatTime(u.endedAt, zone) : '—',
      by: u.endedBy ?? '—',
      reason: u.timeline.at(-1)?.text ?? '',
    }),
  );
  const text = [head, rule, ...(lines.length ? lines : [t('upgrade.history.empty')])].join('\n');
  return { text: `${title}\n${text}`, cards: [{ title, text, tone: 'neutral' }] };
}

export function upgradeShowMessage(t: Translate, upgrade: Upgrade, now: Date, zone: string): Message {
  const card = upgradeCard(t, upgrade, now, zone);
  const timeline = upgrade.timeline.map((step) => stepLine(t, upgrade, step, zone)).join('\n');
  // A copy for one reader: the buttons act on the card in its channel.
  const fields = [...(card.fields ?? []), { label: t('upgrade.field.timeline'), value: timeline }];
  return { text: card.title, cards: [{ ...card, buttons: [], fields }] };
}
