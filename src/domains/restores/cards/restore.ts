// A restore request's card in the approvals channel, kept current in place: who asked, for which
// system, from which backup (id, time, size, location, checksum, verified), why, the approvals so
// far with names and the time left, then how the execution and verification went; and the buttons
// of its next step, each carrying the card's version.
import { cardValue } from '../../../chat/card-value.js';
import type { Card, CardButton, CardField, Message, Tone } from '../../../chat/card.js';
import { formatDuration, formatTime } from '../../../chat/time.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { RestoreRequest, RestoreState } from '../../../../models/restores/restore-request.js';
import { approvalsLine, backupLine } from './words.js';

const TONES: Record<RestoreState, Tone> = {
  pending: 'info',
  approved: 'info',
  running: 'minor',
  succeeded: 'success',
  failed: 'critical',
  verified: 'success',
  verify_failed: 'critical',
  rejected: 'neutral',
  expired: 'neutral',
};

export function restoreCard(t: Translate, restore: RestoreRequest, now: Date, zone: string): Card {
  const field = (key: string, value: string, short = false): CardField => ({
    label: t(`restore.card.${key}`),
    value,
    ...(short ? { short } : {}),
  });
  const { backup } = restore;
  const fields: CardField[] = [
    field('state', stateText(t, restore, zone), true),
    field('requester', restore.requester, true),
    field('system', restore.system, true),
    field('target', restore.target, true),
    field('backup', backupLine(t, restore, zone)),
    field('checksum', backup.checksum ?? t('restore.card.none'), true),
    field('verified', t(backup.verified ? 'restore.yes' : 'restore.no'), true),
    field('reason', restore.reason),
    field('approvals', approvalsLine(t, restore)),
  ];
  if (restore.state === 'pending') {
    const left = restore.approval.expiresAt.getTime() - now.getTime();
    fields.push(
      field(
        'time_left',
        t('restore.card.time_left_value', {
          left: formatDuration(t, left),
          at: formatTime(restore.approval.expiresAt, zone),
        }),
      ),
    );
  }
  if (restore.approval.rejection) {
    const { by, reason } = restore.approval.rejection;
    fields.push(field('rejection', t('restore.card.rejection_value', { by, reason })));
  }
  if (restore.result) fields.push(field('result', resultText(t, restore)));
  if (restore.verification) fields.push(field('verification', verificationText(t, restore)));
  return {
    title: t('restore.card.title', { id: restore._id, system: restore.system }),
    ...(restore.unverified
      ? { text: t(restore.latest ? 'restore.card.warn_latest' : 'restore.card.warn_unverified') }
      : {}),
    tone: TONES[restore.state],
    fields,
    buttons: buttonsOf(t, restore),
    footer: t('restore.card.footer', { at: formatTime(restore.createdAt, zone), version: restore.version }),
  };
}

export function restoreMessage(t: Translate, restore: RestoreRequest, now: Date, zone: string): Message {
  const card = restoreCard(t, restore, now, zone);
  return { text: `${card.title} · ${t(`restore.state.${restore.state}`)}`, cards: [card] };
}

/** The step, and for an approved one how its execution stands. */
function stateText(t: Translate, restore: RestoreRequest, zone: string): string {
  const state = t(`restore.state.${restore.state}`);
  const execution = restore.execution;
  if (restore.state !== 'approved' || !execution) return state;
  if (execution.mode === 'manual') return t('restore.card.manual');
  const params = {
    attempts: execution.attempts,
    next: execution.nextAt ? formatTime(execution.nextAt, zone, true) : '',
  };
  if (execution.state === 'waiting' && execution.attempts > 0) return t('restore.card.executor_retry', params);
  return t(`restore.card.executor_${execution.state ?? 'waiting'}`, params);
}

function resultText(t: Translate, restore: RestoreRequest): string {
  const result = restore.result!;
  const execution = restore.execution?.state;
  if (execution === 'given_up') return t('restore.card.result_gave_up');
  if (execution === 'refused') return t('restore.card.result_refused', { message: result.message ?? '' });
  const checksum = result.checksum ?? t('restore.card.none');
  const key = restore.state === 'failed' && result.match !== 'mismatch' ? 'failed' : result.match;
  return t(`restore.card.result_${key}`, {
    checksum,
    expected: restore.backup.checksum ?? '',
    message: result.message ?? '',
  });
}

function verificationText(t: Translate, restore: RestoreRequest): string {
  const v = restore.verification!;
  const yesNo = (value: boolean) => t(value ? 'restore.yes' : 'restore.no');
  return t(v.incidentId ? 'restore.card.verification_incident' : 'restore.card.verification_value', {
    by: v.by,
    dataOk: yesNo(v.dataOk),
    systemOk: yesNo(v.systemOk),
    incident: v.incidentId ?? '',
  });
}

/** The buttons of the next step: decide while pending; start and finish by hand without an executor; verify once it succeeded. */
function buttonsOf(t: Translate, restore: RestoreRequest): CardButton[] {
  const value = cardValue(restore._id, restore.version);
  const button = (action: string, style?: CardButton['style']): CardButton => ({
    actionId: `restore.${action}`,
    value,
    label: t(`restore.button.${action}`),
    ...(style ? { style } : {}),
  });
  const manual = restore.execution?.mode === 'manual';
  switch (restore.state) {
    case 'pending':
      return [button('approve', 'primary'), button('reject', 'danger')];
    case 'approved':
      return manual ? [button('start', 'primary')] : [];
    case 'running':
      return manual ? [button('finish', 'primary')] : [];
    case 'succeeded':
      return [button('verify', 'primary')];
    default:
      return [];
  }
}
