// How an approved restore goes (seed 6.3.2): the executor reports through POST
// /webhooks/restores/:id, or data operations mark it by hand when there is no executor — running,
// then succeeded with the restored data's checksum, or failed with a message. A checksum that
// differs from the backup's is a failed verification (seed 6.3.2 (4)) and a finding. A report that
// comes again changes nothing; one for a request never approved, or already ended, is refused.
import type {
  ChecksumMatch,
  RestoreRequest,
  RestoreState,
  RestoreStep,
} from '../../../../models/restores/restore-request.js';
import { UserError } from '../../../chat/user-error.js';
import type { ChecksumFinding } from './checksum-finding.js';
import type { Actor, RestoreBook } from './restore-book.js';

export const PROGRESS_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export interface ProgressReport {
  status: ProgressStatus;
  checksum?: string | undefined;
  message?: string | undefined;
}

/** Where each report may come from. */
const FROM: Record<ProgressStatus, readonly RestoreState[]> = {
  running: ['approved'],
  succeeded: ['approved', 'running'],
  failed: ['approved', 'running'],
};

/** Never approved: progress for it is refused. */
const NOT_APPROVED: readonly RestoreState[] = ['pending', 'rejected', 'expired'];

/** The reported checksum against the backup's (case and surrounding space aside). */
export function compareChecksum(backup: string | undefined, reported: string | undefined): ChecksumMatch {
  if (!backup || !reported) return 'unknown';
  return backup.trim().toLowerCase() === reported.trim().toLowerCase() ? 'match' : 'mismatch';
}

export class RestoreProgress {
  constructor(
    private readonly book: RestoreBook,
    private readonly finding: ChecksumFinding,
  ) {}

  /**
   * Records `report` for `id`. Answers the restore as it now is, and whether this report changed
   * it (false: the same report again). Throws UserError `restore.errors.not_found`,
   * `not_approved` (never approved), or `progress_refused` (it has moved past that).
   */
  async report(
    id: string,
    report: ProgressReport,
    actor: Actor,
  ): Promise<{ restore: RestoreRequest; changed: boolean }> {
    for (;;) {
      const restore = await this.book.get(id);
      if (NOT_APPROVED.includes(restore.state)) {
        throw new UserError('restore.errors.not_approved', { id: restore._id, state: restore.state });
      }
      if (isRepeat(restore, report)) return { restore, changed: false };
      if (!FROM[report.status].includes(restore.state)) {
        throw new UserError('restore.errors.progress_refused', { id: restore._id, state: restore.state });
      }
      const changed = await this.apply(restore, report, actor);
      if (changed) return { restore: changed, changed: true };
      // Another report moved it between the read and the write: judge this one again.
    }
  }

  private async apply(restore: RestoreRequest, report: ProgressReport, actor: Actor): Promise<RestoreRequest | null> {
    const expect = { state: restore.state, version: restore.version };
    const text = report.message?.trim() || undefined;
    if (report.status === 'running') {
      const step = this.book.step(actor, 'running', text ? { text } : {});
      const updated = await this.book.change(restore._id, expect, { state: 'running', ...delivered(restore) }, step);
      if (updated) await this.settled(restore, updated, step, actor);
      return updated;
    }
    const match = report.status === 'succeeded' ? compareChecksum(restore.backup.checksum, report.checksum) : 'unknown';
    const state: RestoreState = report.status === 'succeeded' && match !== 'mismatch' ? 'succeeded' : 'failed';
    const step = this.book.step(actor, state === 'succeeded' ? 'succeeded' : 'failed', {
      ...(text ? { text } : {}),
      ...(report.checksum ? { checksum: report.checksum } : {}),
      ...(report.status === 'succeeded' ? { match } : {}),
    });
    const result = {
      at: step.at,
      match,
      ...(report.checksum ? { checksum: report.checksum } : {}),
      ...(text ? { message: text } : {}),
    };
    const updated = await this.book.change(restore._id, expect, { state, result, ...delivered(restore) }, step);
    if (!updated) return null;
    await this.settled(restore, updated, step, actor);
    if (match === 'mismatch') await this.finding.raise(updated);
    if (match === 'match') await this.finding.clear(updated);
    return updated;
  }

  private async settled(before: RestoreRequest, after: RestoreRequest, step: RestoreStep, actor: Actor): Promise<void> {
    await this.book.record({
      actor: actor.key,
      action: `restore.${step.kind as 'running' | 'succeeded' | 'failed'}`,
      objectId: after._id,
      before: { restore: before.state },
      after: {
        restore: after.state,
        ...(step.checksum ? { checksum: step.checksum } : {}),
        ...(step.match ? { checksumMatch: step.match } : {}),
      },
      ...(step.text ? { reason: step.text.slice(0, 2000) } : {}),
      via: actor.via,
    });
    await this.book.told(after, step);
  }
}

/** A report from the executor proves it has the call: no more attempts, even one not yet answered. */
function delivered(restore: RestoreRequest): Record<string, unknown> {
  const state = restore.execution?.state;
  return state === 'waiting' || state === 'sending' ? { 'execution.state': 'delivered' } : {};
}

/**
 * The report says nothing new: running once it runs or has ended (a late report arrives after the
 * end), or the same end with the same checksum.
 */
function isRepeat(restore: RestoreRequest, report: ProgressReport): boolean {
  if (report.status === 'running') return restore.state !== 'approved';
  const ended = restore.timeline.findLast((step) => step.kind === 'succeeded' || step.kind === 'failed');
  if (!ended || !restore.result) return false;
  const reported = report.status === 'succeeded' ? 'succeeded' : 'failed';
  const recorded = ended.match === 'mismatch' ? 'succeeded' : ended.kind;
  return reported === recorded && (report.checksum ?? undefined) === (restore.result.checksum ?? undefined);
}
