// A summary's maps of runs read as the checks want them: the recent succeeded runs of a kind,
// newest first; the latest failure of a kind; the runs in progress. Pure.
import type { Kind } from '../../../../models/backups/backup-run.js';
import { KINDS } from '../../../../models/backups/backup-run.js';
import {
  RECENT_KEPT,
  type BackupSummary,
  type FailedRun,
  type RecentRun,
  type RunningRun,
} from '../../../../models/backups/backup-summary.js';

type Runs = Pick<BackupSummary, 'recent' | 'failed' | 'running' | 'verified'>;

const newestFirst = (a: { startedAt: Date }, b: { startedAt: Date }) => b.startedAt.getTime() - a.startedAt.getTime();

/** Every succeeded run of the kind the summary holds, newest first (by start), with whether it was verified. */
export function allRecentRuns(summary: Runs, kind: Kind): RecentRun[] {
  return Object.entries(summary.recent?.[kind] ?? {})
    .map(([key, run]) => ({ ...run, verified: summary.verified?.[key] === true }))
    .sort(newestFirst);
}

/** The newest RECENT_KEPT succeeded runs of the kind, newest first. */
export function recentRuns(summary: Runs, kind: Kind): RecentRun[] {
  return allRecentRuns(summary, kind).slice(0, RECENT_KEPT);
}

/** Every failed run of the kind the summary holds, newest first. */
export function allFailedRuns(summary: Runs, kind: Kind): FailedRun[] {
  return Object.values(summary.failed?.[kind] ?? {}).sort(newestFirst);
}

/** The latest failed run of the kind (by start). */
export function latestFailed(summary: Runs, kind: Kind): FailedRun | undefined {
  return allFailedRuns(summary, kind)[0];
}

/** The runs in progress (reported running, and neither succeeded nor failed since), oldest first. */
export function runningRuns(summary: Runs): RunningRun[] {
  return Object.entries(summary.running ?? {})
    .filter(([key]) => !ended(summary, key))
    .map(([, run]) => run)
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
}

/** Whether the run of `key` succeeded or failed, by the summary. */
export function ended(summary: Runs, key: string): boolean {
  return KINDS.some(
    (kind) => summary.recent?.[kind]?.[key] !== undefined || summary.failed?.[kind]?.[key] !== undefined,
  );
}
