// How a stored report changes its system × scope's summary (models/backups/backup-summary.ts), and
// how the checks keep summaries complete and small. Each report is one update by `_id` (made if it
// is the first of its system × scope) whose operators are idempotent: a report applied twice (a
// retry, two processes) or late (an older run after a newer one) leaves the summary as one report
// would. A run is set under its key, its verification apart (only ever set true); the off-site
// time only grows. As few operators as will do: this write is on the webhook's path, and each one
// costs the embedded engine a pass over the document. Each write raises `rev`, which is how the
// checks know their verdict was read before a change.
import type { AnyBulkWriteOperation } from 'mongodb';
import { KINDS, OFFSITE_LOCATIONS, SCOPES } from '../../../../models/backups/backup-run.js';
import { RECENT_KEPT, runKey, summaryKey, type BackupSummary } from '../../../../models/backups/backup-summary.js';
import type { BackupReport } from '../format.js';
import { allFailedRuns, allRecentRuns, ended } from './summary-view.js';

type Op = AnyBulkWriteOperation<BackupSummary>;

/** Failures kept per kind: the latest decides; one more covers a late report of an older one. */
const FAILED_KEPT = 2;
/** The maps are trimmed once they hold twice what is read, so the sweep trims now and then, not every minute. */
const TRIM_AT = 2;

/**
 * The summaries of a system's scopes that are missing, made empty as of `knownSince` (when its
 * first report arrived): the checks make them, so a scope never backed up is late in time.
 */
export function missingScopeOps(system: string, have: ReadonlySet<string>, knownSince: Date): Op[] {
  return SCOPES.filter((scope) => !have.has(scope)).map((scope) => ({
    updateOne: {
      filter: { _id: summaryKey(system, scope) },
      update: {
        $setOnInsert: {
          system,
          scope,
          knownSince,
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
  // The summary is made by the first report of its system × scope; only what no operator below touches.
  const $setOnInsert = { system: report.system, scope: report.scope, knownSince: now, findings: {} };
  const write = (update: Record<string, unknown>): Op => ({
    updateOne: { filter, update: { ...update, $setOnInsert, $inc: { rev: 1 } }, upsert: true },
  });
  if (report.status === 'running') {
    return made ? write({ $set: { [`running.${key}`]: { id, kind, startedAt } } }) : undefined;
  }
  const finishedAt = report.finishedAt ?? now;
  if (report.status === 'failed') {
    const failed = { id, startedAt, finishedAt, ...(report.message ? { message: report.message.slice(0, 500) } : {}) };
    return write({ $set: { [`failed.${kind}.${key}`]: failed } });
  }
  const run = {
    id,
    startedAt,
    finishedAt,
    location: report.location,
    ...(report.sizeBytes !== undefined ? { sizeBytes: report.sizeBytes } : {}),
  };
  return write({
    // The tool's integrity check may come in a later report of the run; once set it stays.
    $set: { [`recent.${kind}.${key}`]: run, ...(report.verified === true ? { [`verified.${key}`]: true } : {}) },
    ...(OFFSITE_LOCATIONS.includes(report.location) ? { $max: { offsiteAt: finishedAt } } : {}),
  });
}

/**
 * What the checks remove from a summary they read: succeeded runs beyond the newest few of each
 * kind (and their verifications), failures beyond the newest two, and runs that ended. Nothing a
 * check reads goes, so the revision stays. Undefined: nothing to trim yet.
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
      for (const key of entries.filter((k) => !kept.has(k))) {
        $unset[`recent.${kind}.${key}`] = '';
        if (summary.verified?.[key]) $unset[`verified.${key}`] = '';
      }
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
  const running = Object.keys(summary.running ?? {});
  if (running.length > RECENT_KEPT) for (const key of running) if (ended(summary, key)) $unset[`running.${key}`] = '';
  if (Object.keys($unset).length === 0) return undefined;
  return { updateOne: { filter: { _id: summary._id }, update: { $unset } } };
}
