// The restore forms: the request (for any system, or for one with its recent backups to choose
// from), the reason for a rejection, how a restore done by hand ended, and the verification.
// Discord's modals hold five text inputs: a choice is typed there, and checked when it comes back.
import type { Form, FormOption } from '../../src/chat/form.js';
import type { Translate } from '../../src/kernel/i18n.js';
import { RESTORE_LIMITS } from '../../models/restores/restore-request.js';
import { formatBytes } from '../../src/domains/backups/cards/format.js';
import { LATEST, type BackupOption } from '../../src/domains/restores/rules/backup-choice.js';
import { formatTime } from '../../src/chat/time.js';

export const REQUEST_FORM = 'restore.request';
export const REJECT_FORM = 'restore.reject';
export const FINISH_FORM = 'restore.finish';
export const VERIFY_FORM = 'restore.verify';
/** A select holds at most this many choices on Slack. */
const MAX_OPTIONS = 100;

const reasonInput = (t: Translate) => ({
  id: 'reason',
  label: t('restore.form.reason'),
  kind: 'paragraph' as const,
  required: true,
  maxLength: RESTORE_LIMITS.reason,
});

/** For any system: which one (of those that reported backups), the backup (`latest` or an id), the target, why. */
export function requestForm(t: Translate, systems: readonly string[]): Form {
  const choices = systems.slice(0, MAX_OPTIONS);
  const system =
    choices.length > 0 && systems.length <= MAX_OPTIONS
      ? {
          id: 'system',
          label: t('restore.form.system'),
          kind: 'select' as const,
          required: true,
          options: choices.map((s) => ({ value: s, label: s })),
        }
      : { id: 'system', label: t('restore.form.system'), kind: 'text' as const, required: true, maxLength: 100 };
  return {
    id: REQUEST_FORM,
    title: t('restore.form.request_title'),
    submitLabel: t('restore.form.submit'),
    inputs: [
      system,
      {
        id: 'backup',
        label: t('restore.form.backup'),
        kind: 'text',
        required: true,
        initial: LATEST,
        placeholder: t('restore.form.backup_hint'),
        maxLength: 200,
      },
      {
        id: 'target',
        label: t('restore.form.target'),
        kind: 'text',
        required: false,
        maxLength: RESTORE_LIMITS.target,
      },
      reasonInput(t),
    ],
  };
}

/** For one system: the backup chosen from its latest succeeded ones (or `latest`), the target, why. */
export function systemRequestForm(t: Translate, system: string, recent: readonly BackupOption[], zone: string): Form {
  const options: FormOption[] = [
    { value: LATEST, label: t('restore.form.latest') },
    ...recent.map((run) => ({
      value: run.id,
      label: t('restore.form.backup_option', {
        id: run.id,
        scope: t(`backup.scope.${run.scope}`),
        kind: t(`backup.kind.${run.kind}`),
        at: formatTime(run.finishedAt, zone),
        size: run.sizeBytes !== undefined ? formatBytes(run.sizeBytes) : '—',
        verified: t(run.verified ? 'restore.form.verified' : 'restore.form.unverified'),
      }),
    })),
  ];
  return {
    id: REQUEST_FORM,
    title: t('restore.form.request_system_title', { system }),
    submitLabel: t('restore.form.submit'),
    privateValue: system,
    inputs: [
      { id: 'backup', label: t('restore.form.backup'), kind: 'select', required: true, initial: LATEST, options },
      {
        id: 'target',
        label: t('restore.form.target'),
        kind: 'text',
        required: false,
        initial: system,
        maxLength: RESTORE_LIMITS.target,
      },
      reasonInput(t),
    ],
  };
}

/** `value`: the restore and the card version its button carried (`RST-3~4`). */
export function rejectForm(t: Translate, id: string, value: string): Form {
  return {
    id: REJECT_FORM,
    title: t('restore.form.reject_title', { id }),
    submitLabel: t('restore.form.reject_submit'),
    privateValue: value,
    inputs: [{ ...reasonInput(t), label: t('restore.form.reject_reason') }],
  };
}

export function finishForm(t: Translate, id: string, value: string): Form {
  const yes = (key: string) => ({ value: key, label: t(`restore.form.outcome_${key}`) });
  return {
    id: FINISH_FORM,
    title: t('restore.form.finish_title', { id }),
    submitLabel: t('restore.form.submit'),
    privateValue: value,
    inputs: [
      {
        id: 'outcome',
        label: t('restore.form.outcome'),
        kind: 'select',
        required: true,
        initial: 'succeeded',
        options: [yes('succeeded'), yes('failed')],
      },
      {
        id: 'checksum',
        label: t('restore.form.checksum'),
        kind: 'text',
        required: false,
        maxLength: RESTORE_LIMITS.checksum,
      },
      {
        id: 'message',
        label: t('restore.form.message'),
        kind: 'paragraph',
        required: false,
        maxLength: RESTORE_LIMITS.message,
      },
    ],
  };
}

/** Seed 6.3.3 (1) and (2), each answered yes or no, and a note. */
export function verifyForm(t: Translate, id: string, value: string): Form {
  const answers = [
    { value: 'yes', label: t('restore.yes') },
    { value: 'no', label: t('restore.no') },
  ];
  return {
    id: VERIFY_FORM,
    title: t('restore.form.verify_title', { id }),
    submitLabel: t('restore.form.submit'),
    privateValue: value,
    inputs: [
      { id: 'data', label: t('restore.form.data_ok'), kind: 'select', required: true, options: answers },
      { id: 'system', label: t('restore.form.system_ok'), kind: 'select', required: true, options: answers },
      { id: 'note', label: t('restore.form.note'), kind: 'paragraph', required: false, maxLength: RESTORE_LIMITS.note },
    ],
  };
}
