// Which backup a restore is made from (issue 13, "Requests"): a backup id named, or `latest` —
// the newest succeeded full of the system reported `verified: true`, or, when none is, the newest
// succeeded full, with a warning on the card. A backup that failed, is unknown, is still running
// or belongs to another system is refused with the reason.
//
// What a system has is read from the backups domain's summaries (one per system × scope, by `_id`,
// the one index the embedded engine uses for such a read), which keep each kind's newest
// succeeded runs; a run itself is read by its id. Only when no summary holds a verified full are
// the runs searched for an older one.
import {
  SCOPES,
  type BackupRun,
  type BackupRunModel,
  type Kind,
  type Scope,
} from '../../../../models/backups/backup-run.js';
import { summaryKey, type BackupSummary, type BackupSummaryModel } from '../../../../models/backups/backup-summary.js';
import type { BackupSnapshot } from '../../../../models/restores/restore-request.js';
import { UserError } from '../../../chat/user-error.js';
import { allRecentRuns } from '../../backups/rules/summary-view.js';

export const LATEST = 'latest';

export interface BackupChoice {
  backup: BackupSnapshot;
  /** Never reported verified: the card warns. */
  unverified: boolean;
  /** Chosen by `latest`. */
  latest: boolean;
}

/** A succeeded backup as the request form offers it. */
export interface BackupOption {
  id: string;
  scope: Scope;
  kind: Kind;
  finishedAt: Date;
  sizeBytes?: number;
  verified: boolean;
}

export interface BackupBook {
  runs: BackupRunModel;
  summaries: BackupSummaryModel;
}

/** The summaries of a system's scopes that exist; none for a system that never reported. */
async function summariesOf(book: BackupBook, system: string): Promise<BackupSummary[]> {
  const found = await Promise.all(
    SCOPES.map((scope) => book.summaries.findById(summaryKey(system, scope)).lean<BackupSummary>()),
  );
  return found.filter((summary): summary is BackupSummary => summary !== null);
}

/** The succeeded runs the summaries hold, newest (by end) first. */
function succeeded(summaries: readonly BackupSummary[], kinds: readonly Kind[]): BackupOption[] {
  return summaries
    .flatMap((summary) =>
      kinds.flatMap((kind) => allRecentRuns(summary, kind).map((run) => ({ ...run, scope: summary.scope, kind }))),
    )
    .sort((a, b) => b.finishedAt.getTime() - a.finishedAt.getTime())
    .map(({ id, scope, kind, finishedAt, sizeBytes, verified }) => ({
      id,
      scope,
      kind,
      finishedAt,
      ...(sizeBytes !== undefined && sizeBytes !== null ? { sizeBytes } : {}),
      verified,
    }));
}

/** The systems that reported backups, by name. */
export async function knownSystems(book: BackupBook): Promise<string[]> {
  return ((await book.summaries.distinct('system')) as string[]).sort();
}

/** A system's newest succeeded backups (any scope and kind), for the request form (`limit` of them). */
export async function recentBackups(book: BackupBook, system: string, limit = 10): Promise<BackupOption[]> {
  return succeeded(await summariesOf(book, system), ['full', 'incremental']).slice(0, limit);
}

/** Whether the system ever reported a backup. */
export async function isKnownSystem(book: BackupBook, system: string): Promise<boolean> {
  return (await summariesOf(book, system)).length > 0;
}

/** Throws a UserError naming what is wrong: `unknown_system`, `no_full`, `unknown_backup`, `other_system`, `failed_backup`, `running_backup`. */
export async function chooseBackup(book: BackupBook, system: string, wanted: string): Promise<BackupChoice> {
  const summaries = await summariesOf(book, system);
  if (summaries.length === 0) throw new UserError('restore.errors.unknown_system', { system });
  if (wanted.toLowerCase() === LATEST) return newestFull(book, system, summaries);
  const run = await book.runs.findById(wanted).lean<BackupRun>();
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

async function newestFull(book: BackupBook, system: string, summaries: BackupSummary[]): Promise<BackupChoice> {
  const fulls = succeeded(summaries, ['full']);
  const held = fulls.find((run) => run.verified);
  const verified = held
    ? await book.runs.findById(held.id).lean<BackupRun>()
    : // An older verified full than the summaries keep, if any.
      await book.runs
        .findOne({ system, kind: 'full', status: 'succeeded', verified: true })
        .sort({ finishedAt: -1 })
        .lean<BackupRun>();
  if (verified) return { backup: snapshotOf(verified), unverified: false, latest: true };
  const newest = fulls[0] ? await book.runs.findById(fulls[0].id).lean<BackupRun>() : null;
  if (!newest) throw new UserError('restore.errors.no_full', { system });
  return { backup: snapshotOf(newest), unverified: true, latest: true };
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
