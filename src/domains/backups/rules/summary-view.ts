// A summary's maps of runs read as the checks want them: the recent succeeded runs of a kind,
// newest first; the latest failure of a kind; the runs in progress. Pure.
import type { Kind } from '../../../../models/backups/backup-run.js';
import {
  RECENT_KEPT,
  type BackupSummary,
  type FailedRun,
  type RecentRun,
  type RunningRun,
} from '../../../../models/backups/backup-summary.js';

type Runs = Pick<BackupSummary, 'recent' | 'failed' | 'running'>;

const newestFirst = (a: { startedAt: Date }, b: { startedAt: Date }) => b.startedAt.getTime() - a.startedAt.getTime();

/** Every complete succeeded run of the kind the summary holds, newest first (by start). */
export function allRecentRuns(summary: Runs, kind: Kind): RecentRun[] {
  return Object.values(summary.recent?.[kind] ?? {})
    .filter(
      (run): run is RecentRun =>
        run.id !== undefined && run.startedAt instanceof Date && run.finishedAt instanceof Date,
    )
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

/** The runs in progress, oldest first. */
export function runningRuns(summary: Runs): RunningRun[] {
  return Object.values(summary.running ?? {}).sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
}
