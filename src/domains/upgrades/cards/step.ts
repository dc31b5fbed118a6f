// One step of an upgrade in words: a line in its card's thread as it happens (a reminder, a start,
// a completion, a rollback, a cancellation, a decision on its approval).
import type { Message } from '../../../chat/card.js';
import { formatDuration, formatTime } from '../../../chat/time.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { Upgrade, UpgradeStep } from '../../../../models/upgrades/upgrade.js';
import { actorName } from './words.js';

export function stepLine(t: Translate, upgrade: Upgrade, step: UpgradeStep, zone: string): string {
  const params = {
    id: upgrade._id,
    system: upgrade.system,
    version: upgrade.toVersion,
    from: upgrade.fromVersion ?? t('upgrade.card.no_version'),
    actor: actorName(t, step.actor),
    text: step.text ?? '',
    start: formatTime(upgrade.start, zone),
    end: formatTime(upgrade.end, zone),
    over: formatDuration(t, Math.max(0, step.at.getTime() - upgrade.end.getTime())),
    sysops: t('roles.sysops'),
    pm: t('roles.pm'),
  };
  const key = step.kind === 'reminded' ? `reminder_${step.reminder}` : step.text ? `${step.kind}_text` : step.kind;
  return t(`upgrade.step.${key}`, params);
}

export function stepMessage(t: Translate, upgrade: Upgrade, step: UpgradeStep, zone: string): Message {
  return { text: stepLine(t, upgrade, step, zone), ...(step.notify?.length ? { mentions: step.notify } : {}) };
}
