// How a stored report changes its system × scope's summary (models/backups/backup-summary.ts), and
// how the sweep keeps the summary small. Each write is one update by `_id` whose operators are
// idempotent: a report applied twice (a retry, two processes) or late (an older run after a newer
// one) leaves the summary as one report would. A succeeded run's fields are set under its key and
// `verified` only grows; a failure is kept beside the others (the latest by start is read); a
// finished run leaves the running ones; the off-site time only grows. Each write raises `rev`,
// which is how the checks know their verdict was read before a change.
import type { AnyBulkWriteOperation } from 'mongodb';
import { KINDS, OFFSITE_LOCATIONS, SCOPES } from '../../../../models/backups/backup-run.js';
import { RECENT_KEPT, runKey, summaryKey, type BackupSummary } from '../../../../models/backups/backup-summary.js';
import type { BackupReport } from '../format.js';
import { allFailedRuns, allRecentRuns } from './summary-view.js';

type Op = AnyBulkWriteOperation<BackupSummary>;

/** Failures kept per kind: the latest decides; one more covers a late report of an older one. */
const FAILED_KEPT = 2;
/** The maps are trimmed once they hold twice what is read, so the sweep trims now and then, not every minute. */
const TRIM_AT = 2;

/** The summaries of a system's every scope, made once when its first report arrives (they start empty). */
export function knownSystemOps(system: string, now: Date): Op[] {
  return SCOPES.map((scope) => ({
    updateOne: {
      filter: { _id: summaryKey(system, scope) },
      update: {
        $setOnInsert: {
          system,
          scope,
          knownSince: now,
          rev: 0,
          recent: {},
          failed: {},
          running: {},
          offsiteAt: null,
          findings: {},
        },
      },
      upsert: true,
    },
  }));
}

/**
 * The write for one report the runs' write took (`made`: it made a new run). A `running` report
 * that found its run already there says nothing new (it may come after the run's end).
 */
export function summaryOp(report: BackupReport, made: boolean, now: Date): Op | undefined {
  const filter = { _id: summaryKey(report.system, report.scope) };
  const { kind, backupId: id, startedAt } = report;
  const key = runKey(id);
  if (report.status === 'running') {
    if (!made) return undefined;
    return {
      updateOne: { filter, update: { $set: { [`running.${key}`]: { id, kind, startedAt } }, $inc: { rev: 1 } } },
    };
  }
  const finishedAt = report.finishedAt ?? now;
  if (report.status === 'failed') {
    const failed = { id, startedAt, finishedAt, ...(report.message ? { message: report.message.slice(0, 500) } : {}) };
    return {
      updateOne: {
        filter,
        update: { $set: { [`failed.${kind}.${key}`]: failed }, $unset: { [`running.${key}`]: '' }, $inc: { rev: 1 } },
      },
    };
  }
  const at = `recent.${kind}.${key}`;
  const offsite = OFFSITE_LOCATIONS.includes(report.location);
  return {
    updateOne: {
      filter,
      update: {
        $set: {
          [`${at}.id`]: id,
          [`${at}.startedAt`]: startedAt,
          [`${at}.finishedAt`]: finishedAt,
          [`${at}.location`]: report.location,
          ...(report.sizeBytes !== undefined ? { [`${at}.sizeBytes`]: report.sizeBytes } : {}),
        },
        // The tool's integrity check may come in a later report of the run; once true it stays true.
        $max: { [`${at}.verified`]: report.verified === true, ...(offsite ? { offsiteAt: finishedAt } : {}) },
        $unset: { [`running.${key}`]: '' },
        $inc: { rev: 1 },
      },
    },
  };
}

/**
 * What the sweep removes from a summary it read: succeeded runs beyond the newest few of each kind,
 * failures beyond the newest two, and what a late verification left of a run trimmed before.
 * Nothing a check reads goes, so the revision stays. Undefined: nothing to trim yet.
 */
export function trimOp(summary: BackupSummary): Op | undefined {
  const $unset: Record<string, ''> = {};
  for (const kind of KINDS) {
    const entries = Object.keys(summary.recent?.[kind] ?? {});
    if (entries.length > TRIM_AT * RECENT_KEPT) {
      const kept = new Set(
        allRecentRuns(summary, kind)
          .slice(0, RECENT_KEPT)
          .map((run) => runKey(run.id)),
      );
      for (const key of entries) if (!kept.has(key)) $unset[`recent.${kind}.${key}`] = '';
    }
    const failures = Object.keys(summary.failed?.[kind] ?? {});
    if (failures.length > TRIM_AT * FAILED_KEPT) {
      const kept = new Set(
        allFailedRuns(summary, kind)
          .slice(0, FAILED_KEPT)
          .map((run) => runKey(run.id)),
      );
      for (const key of failures) if (!kept.has(key)) $unset[`failed.${kind}.${key}`] = '';
    }
  }
  if (Object.keys($unset).length === 0) return undefined;
  return { updateOne: { filter: { _id: summary._id }, update: { $unset } } };
}
