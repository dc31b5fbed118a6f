// Reading what people type or submit for a restore, with a coded error for each mistake, answered
// in their language with the correct form.
import { UserError } from '../../src/chat/user-error.js';
import { RESTORE_LIMITS } from '../../models/restores/restore-request.js';
import { PROGRESS_STATUSES, type ProgressReport } from '../../src/domains/restores/rules/progress.js';
import type { RequestInput } from '../../src/domains/restores/rules/requests.js';
import type { VerifyAnswers } from '../../src/domains/restores/rules/verification.js';

const SYSTEM_MAX = 100;
const BACKUP_ID_MAX = 200;

/** `<system> <backupId|latest> <reason…>` */
export function parseRequest(words: readonly string[]): RequestInput {
  const [system, backup, ...reason] = words;
  return {
    system: requireSystem(system),
    backup: requireBackup(backup),
    reason: requireReason(reason.join(' ')),
  };
}

/** The request form: the system is its private value when the form was opened for one. */
export function parseRequestForm(values: Record<string, string>, system: string | undefined): RequestInput {
  return {
    system: requireSystem(system ?? values.system),
    backup: requireBackup(values.backup?.trim() || 'latest'),
    target: optional(values.target, RESTORE_LIMITS.target),
    reason: requireReason(values.reason),
  };
}

export function requireSystem(word: string | undefined): string {
  const system = (word ?? '').trim();
  if (!system) throw new UserError('restore.errors.missing_system', {}, 'restore');
  if (system.length > SYSTEM_MAX) throw new UserError('errors.too_long', { max: SYSTEM_MAX });
  return system;
}

function requireBackup(word: string | undefined): string {
  const backup = (word ?? '').trim();
  if (!backup) throw new UserError('restore.errors.missing_backup', {}, 'restore');
  if (backup.length > BACKUP_ID_MAX) throw new UserError('errors.too_long', { max: BACKUP_ID_MAX });
  return backup;
}

export function requireReason(text: string | undefined): string {
  const reason = (text ?? '').trim();
  if (!reason) throw new UserError('restore.errors.missing_reason', {}, 'restore');
  if (reason.length > RESTORE_LIMITS.reason) throw new UserError('errors.too_long', { max: RESTORE_LIMITS.reason });
  return reason;
}

export function requireId(id: string | undefined): string {
  if (!id?.trim()) throw new UserError('restore.errors.missing_id', {}, 'restore');
  return id.trim();
}

/** The finish form (by hand, without an executor): how it ended, the checksum, what happened. */
export function parseFinishForm(values: Record<string, string>): ProgressReport {
  const status = (values.outcome ?? '').trim().toLowerCase();
  if (status !== 'succeeded' && status !== 'failed') {
    throw new UserError('restore.errors.bad_outcome', { value: status.slice(0, 20) });
  }
  return {
    status: status as (typeof PROGRESS_STATUSES)[number],
    checksum: optional(values.checksum, RESTORE_LIMITS.checksum),
    message: optional(values.message, RESTORE_LIMITS.message),
  };
}

/** The verify form: yes or no to each of seed 6.3.3's two questions, and a note. */
export function parseVerifyForm(values: Record<string, string>): VerifyAnswers {
  return {
    dataOk: yesNo(values.data),
    systemOk: yesNo(values.system),
    note: optional(values.note, RESTORE_LIMITS.note),
  };
}

function yesNo(value: string | undefined): boolean {
  const answer = (value ?? '').trim().toLowerCase();
  if (answer === 'yes' || answer === 'y' || answer === '是') return true;
  if (answer === 'no' || answer === 'n' || answer === '否') return false;
  throw new UserError('restore.errors.bad_answer', { value: answer.slice(0, 20) });
}

function optional(raw: string | undefined, max: number): string | undefined {
  const value = (raw ?? '').trim();
  if (!value) return undefined;
  if (value.length > max) throw new UserError('errors.too_long', { max });
  return value;
}
