// Small pieces of a restore in the reader's words, shared by its card, its timeline and its lists:
// who (Zhiban's jobs and the executor by name), the backup on one line, and the approvals.
import type { RestoreRequest } from '../../../../models/restores/restore-request.js';
import { formatTime } from '../../../chat/time.js';
import type { Translate } from '../../../kernel/i18n.js';
import { EXECUTOR_ACTOR_KEY, SYSTEM_ACTOR_KEY } from '../../ops/audit-vocabulary.js';
import { formatBytes } from '../../backups/cards/format.js';

/** A person as their key; Zhiban's jobs and the executor in words. */
export function actorName(t: Translate, actor: string): string {
  if (actor === SYSTEM_ACTOR_KEY) return t('restore.actor.system');
  if (actor === EXECUTOR_ACTOR_KEY) return t('restore.actor.executor');
  return actor;
}

/** `pay-full-1 · 数据库 全量 · 2026-11-19 22:00 · 10.0 GiB · 云端`. */
export function backupLine(t: Translate, restore: RestoreRequest, zone: string): string {
  const { backup } = restore;
  return [
    backup.id,
    `${t(`backup.scope.${backup.scope}`)} ${t(`backup.kind.${backup.kind}`)}`,
    backup.finishedAt ? formatTime(backup.finishedAt, zone) : t('restore.card.no_time'),
    backup.sizeBytes !== undefined ? formatBytes(backup.sizeBytes) : t('restore.card.no_size'),
    t(`backup.location.${backup.location}`),
  ].join(' · ');
}

/** `1/2：slack:U1` — how many of how many, and who. */
export function approvalsLine(t: Translate, restore: RestoreRequest): string {
  const { approvals, required } = restore.approval;
  const who = approvals.map((vote) => vote.by).join(t('restore.card.joiner'));
  return t(who ? 'restore.card.approvals_value' : 'restore.card.approvals_none', {
    count: approvals.length,
    required,
    who,
  });
}

/** `RST-3 · e-pay`. */
export function restoreName(restore: RestoreRequest): string {
  return `${restore._id} · ${restore.system}`;
}
