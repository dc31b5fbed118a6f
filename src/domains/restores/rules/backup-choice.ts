// Which backup a restore is made from (issue 13, "Requests"): a backup id named, or `latest` —
// the newest succeeded full of the system reported `verified: true`, or, when none is, the newest
// succeeded full, with a warning on the card. A backup that failed, is unknown, is still running
// or belongs to another system is refused with the reason.
import type { BackupRun, BackupRunModel } from '../../../../models/backups/backup-run.js';
import type { BackupSnapshot } from '../../../../models/restores/restore-request.js';
import { UserError } from '../../../chat/user-error.js';

export const LATEST = 'latest';

export interface BackupChoice {
  backup: BackupSnapshot;
  /** Never reported verified: the card warns. */
  unverified: boolean;
  /** Chosen by `latest`. */
  latest: boolean;
}

/** The newest succeeded backups of a system first, for the request form (`limit` of them). */
export async function recentBackups(runs: BackupRunModel, system: string, limit = 10): Promise<BackupRun[]> {
  return runs.find({ system, status: 'succeeded' }).sort({ finishedAt: -1 }).limit(limit).lean<BackupRun[]>();
}

/** Throws a UserError naming what is wrong: `unknown_system`, `no_full`, `unknown_backup`, `other_system`, `failed_backup`, `running_backup`. */
export async function chooseBackup(runs: BackupRunModel, system: string, wanted: string): Promise<BackupChoice> {
  if (!(await runs.exists({ system }))) throw new UserError('restore.errors.unknown_system', { system });
  if (wanted.toLowerCase() === LATEST) return newestFull(runs, system);
  const run = await runs.findById(wanted).lean<BackupRun>();
  if (!run) throw new UserError('restore.errors.unknown_backup', { id: wanted, system });
  if (run.system !== system) {
    throw new UserError('restore.errors.other_system', { id: wanted, system, theirs: run.system });
  }
  if (run.status === 'failed') {
    throw new UserError('restore.errors.failed_backup', { id: wanted, message: run.message ?? '—' });
  }
  if (run.status !== 'succeeded') throw new UserError('restore.errors.running_backup', { id: wanted });
  return { backup: snapshotOf(run), unverified: !run.verified, latest: false };
}

async function newestFull(runs: BackupRunModel, system: string): Promise<BackupChoice> {
  const full = { system, kind: 'full' as const, status: 'succeeded' as const };
  const verified = await runs
    .findOne({ ...full, verified: true })
    .sort({ finishedAt: -1 })
    .lean<BackupRun>();
  if (verified) return { backup: snapshotOf(verified), unverified: false, latest: true };
  const any = await runs.findOne(full).sort({ finishedAt: -1 }).lean<BackupRun>();
  if (!any) throw new UserError('restore.errors.no_full', { system });
  return { backup: snapshotOf(any), unverified: true, latest: true };
}

export function snapshotOf(run: BackupRun): BackupSnapshot {
  return {
    id: run._id,
    system: run.system,
    scope: run.scope,
    kind: run.kind,
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    ...(run.sizeBytes !== undefined && run.sizeBytes !== null ? { sizeBytes: run.sizeBytes } : {}),
    location: run.location,
    ...(run.checksum ? { checksum: run.checksum } : {}),
    verified: run.verified,
  };
}
