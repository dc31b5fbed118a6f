// One step of a restore in words: a line of the card's thread as it happens, and of the timeline
// `/restore show` tells from request to verification.
import type { Message } from '../../../chat/card.js';
import type { RestoreRequest, RestoreStep } from '../../../../models/restores/restore-request.js';
import { formatTime } from '../../../chat/time.js';
import type { Translate } from '../../../kernel/i18n.js';
import { answerKind } from '../rules/delivery.js';
import { actorName } from './words.js';

export function stepLine(t: Translate, restore: RestoreRequest, step: RestoreStep, zone: string): string {
  const params: Record<string, unknown> = {
    at: formatTime(step.at, zone),
    actor: actorName(t, step.actor),
    text: step.text ?? '',
    count: step.count ?? 0,
    required: restore.approval.required,
    status: step.status ?? 0,
    checksum: step.checksum ?? '',
    expected: restore.backup.checksum ?? '',
  };
  return t(`restore.step.${keyOf(step)}`, { ...params, ...detailsOf(t, step, zone) });
}

/** The key under `restore.step.` for a step: some kinds read differently by what they carry. */
function keyOf(step: RestoreStep): string {
  switch (step.kind) {
    case 'executor_answer': {
      const kind = answerKind(step.status ?? 0);
      return kind === 'taken' ? 'executor_taken' : kind === 'refused' ? 'executor_refused' : 'executor_retry';
    }
    case 'succeeded':
      return step.match === 'match' ? 'succeeded_match' : 'succeeded_unchecked';
    case 'failed':
      return step.match === 'mismatch' ? 'failed_mismatch' : 'failed';
    case 'executor_gave_up':
      return step.status !== undefined ? 'executor_gave_up_last' : 'executor_gave_up';
    default:
      return step.kind;
  }
}

function detailsOf(t: Translate, step: RestoreStep, zone: string): Record<string, string> {
  const answer =
    step.status === undefined || step.status === 0
      ? t('restore.step.no_answer', { detail: step.text ?? '' })
      : `HTTP ${step.status}`;
  const yesNo = (value: boolean | undefined) => t(value ? 'restore.yes' : 'restore.no');
  return {
    answer,
    retry: step.retryAt ? formatTime(step.retryAt, zone, true) : '',
    dataOk: yesNo(step.dataOk),
    systemOk: yesNo(step.systemOk),
    incident: step.incidentId ? t('restore.step.incident', { id: step.incidentId }) : '',
  };
}

/** The thread line under the card, naming the restore. */
export function stepMessage(t: Translate, restore: RestoreRequest, step: RestoreStep, zone: string): Message {
  return { text: `${restore._id} · ${stepLine(t, restore, step, zone)}` };
}
