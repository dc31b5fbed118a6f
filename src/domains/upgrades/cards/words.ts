// Small pieces of an upgrade in the reader's words, shared by its card, its thread and its lists:
// who (Zhiban's jobs by name), the version change, the window with its length, how far away it is.
import type { Upgrade } from '../../../../models/upgrades/upgrade.js';
import { formatDuration, formatTime } from '../../../chat/time.js';
import type { Translate } from '../../../kernel/i18n.js';
import { SYSTEM_ACTOR_KEY } from '../../ops/audit-vocabulary.js';

/** A person as their key; Zhiban's jobs in words. */
export function actorName(t: Translate, actor: string): string {
  return actor === SYSTEM_ACTOR_KEY ? t('upgrade.actor.system') : actor;
}

/** `2.3.0 → 2.4.0`, or `(none recorded) → 2.4.0` for a system's first. */
export function versionLine(t: Translate, upgrade: Pick<Upgrade, 'fromVersion' | 'toVersion'>): string {
  return t('upgrade.card.version_value', {
    from: upgrade.fromVersion ?? t('upgrade.card.no_version'),
    to: upgrade.toVersion,
  });
}

/** `2026-12-01 22:00 – 2026-12-02 02:00 (4h 0m)`. */
export function windowLine(t: Translate, upgrade: Pick<Upgrade, 'start' | 'end'>, zone: string): string {
  return t('upgrade.card.window_value', {
    start: formatTime(upgrade.start, zone),
    end: formatTime(upgrade.end, zone),
    length: formatDuration(t, upgrade.end.getTime() - upgrade.start.getTime()),
  });
}

/** How far away the window is at `now`: `in 2d 3h`, `open now`, `ended 20m ago`. */
export function distanceLine(t: Translate, upgrade: Pick<Upgrade, 'start' | 'end'>, now: Date): string {
  const toStart = upgrade.start.getTime() - now.getTime();
  if (toStart > 0) return t('upgrade.card.starts_in', { in: formatDuration(t, toStart) });
  const sinceEnd = now.getTime() - upgrade.end.getTime();
  if (sinceEnd < 0) return t('upgrade.card.open_now', { left: formatDuration(t, -sinceEnd) });
  return t('upgrade.card.ended_ago', { ago: formatDuration(t, sinceEnd) });
}

/** `UPG-3 · e-pay 2.4.0`. */
export function upgradeName(upgrade: Pick<Upgrade, '_id' | 'system' | 'toVersion'>): string {
  return `${upgrade._id} · ${upgrade.system} ${upgrade.toVersion}`;
}

/** Said to whoever rolled `upgrade` back: the version its system stays on (what ran when it started). */
export function rolledBackLine(t: Translate, upgrade: Pick<Upgrade, '_id' | 'system' | 'fromVersion'>): string {
  const version = upgrade.fromVersion ?? t('upgrade.card.no_version');
  return t('upgrade.rolled_back', { id: upgrade._id, system: upgrade.system, version });
}
