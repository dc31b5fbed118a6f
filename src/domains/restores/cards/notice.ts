// What the requester is told privately when their request is decided or carried out: approved,
// rejected (why), expired, succeeded (now verify it), failed.
import type { Message } from '../../../chat/card.js';
import type { RestoreRequest, RestoreStep } from '../../../../models/restores/restore-request.js';
import type { Translate } from '../../../kernel/i18n.js';
import { actorName } from './words.js';

/** The steps the requester hears of, each with its line under `restore.notice.` (and an executor's refusal). */
const NOTICES: Partial<Record<RestoreStep['kind'], string>> = {
  approved: 'approved',
  rejected: 'rejected',
  expired: 'expired',
  succeeded: 'succeeded',
  failed: 'failed',
  executor_gave_up: 'failed',
};

/** Which notice the requester gets for `step` (its key under `restore.notice.`), if any. */
export function noticeOf(restore: Pick<RestoreRequest, 'state'>, step: Pick<RestoreStep, 'kind'>): string | undefined {
  // The executor's refusal ends the restore in its answer.
  const refused = step.kind === 'executor_answer' && restore.state === 'failed';
  return NOTICES[step.kind] ?? (refused ? 'failed' : undefined);
}

/** The private message of `step` to the requester, or undefined when it is not one they are told of. */
export function noticeMessage(t: Translate, restore: RestoreRequest, step: RestoreStep): Message | undefined {
  const key = noticeOf(restore, step);
  if (!key) return undefined;
  const manual = restore.execution?.mode === 'manual';
  const text = t(`restore.notice.${key}${key === 'approved' && manual ? '_manual' : ''}`, {
    id: restore._id,
    system: restore.system,
    by: actorName(t, step.actor),
    reason: step.text ?? '',
  });
  return { text, cards: [{ title: t('restore.notice.title', { id: restore._id }), text, tone: 'info' }] };
}
