// The executor's progress report as POST /webhooks/restores/:id takes it (CONTRACT.md):
// `{status: running|succeeded|failed, checksum?, message?}`; a succeeded one carries the restored
// data's checksum. Each bad field is named, as the other webhooks name them.
import { RESTORE_LIMITS } from '../../../models/restores/restore-request.js';
import { PROGRESS_STATUSES, type ProgressReport, type ProgressStatus } from './rules/progress.js';

export type ReadResult = { ok: true; report: ProgressReport } | { ok: false; details: string[] };

export function readProgress(body: unknown): ReadResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, details: ['(body): must be an object {status, checksum?, message?}'] };
  }
  const { status, checksum, message } = body as Record<string, unknown>;
  const details: string[] = [];
  if (typeof status !== 'string' || !(PROGRESS_STATUSES as readonly string[]).includes(status)) {
    details.push(`status: must be one of ${PROGRESS_STATUSES.join(', ')}`);
  }
  const text = (name: string, value: unknown, max: number): string | undefined => {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') details.push(`${name}: must be a string`);
    else if (value.length > max) details.push(`${name}: at most ${max} characters`);
    else if (value.trim() !== '') return value.trim();
    return undefined;
  };
  const sum = text('checksum', checksum, RESTORE_LIMITS.checksum);
  const said = text('message', message, RESTORE_LIMITS.message);
  if (status === 'succeeded' && sum === undefined && !details.some((d) => d.startsWith('checksum'))) {
    details.push('checksum: required when status is succeeded (the restored data’s checksum)');
  }
  if (details.length > 0) return { ok: false, details };
  return { ok: true, report: { status: status as ProgressStatus, checksum: sum, message: said } };
}
