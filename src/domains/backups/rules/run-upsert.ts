// The writes that store a reported run, and how reports of one run in one batch fold into one.
// Status only moves forward: a `running` report makes the run if it is new and touches nothing
// else; a final report (`succeeded`, `failed`) finishes a running run, or makes the run, or adds
// to itself repeated (a size, `verified: true`), but never turns a final status into the other one
// nor moves a run to another system, scope or kind: its upsert then collides with the run's `_id`
// (code 11000) and the intake counts the report as ignored. Every filter names exactly the keys
// of a unique index (see models/backups/backup-run.ts), so the embedded engine finds the run by
// index however long the history. Shared with the benchmark, which times the same writes raw.
import type { AnyBulkWriteOperation } from 'mongodb';
import type { BackupRun } from '../../../../models/backups/backup-run.js';
import type { BackupReport } from '../format.js';

const isFinal = (status: BackupReport['status']) => status !== 'running';

/**
 * The reports of a batch, one per backupId, in the order first seen: a later report of the same
 * run adds to the earlier one as the database would (a final status stays; `verified` once true
 * stays true; what a later one says of size, checksum, location and message wins).
 */
export function foldReports(reports: readonly BackupReport[]): BackupReport[] {
  const byId = new Map<string, BackupReport>();
  for (const next of reports) {
    const seen = byId.get(next.backupId);
    byId.set(next.backupId, seen ? fold(seen, next) : next);
  }
  return [...byId.values()];
}

function fold(seen: BackupReport, next: BackupReport): BackupReport {
  // A step backward, or another identity, is what the database would refuse: the first stays.
  if (isFinal(seen.status) && (!isFinal(next.status) || next.status !== seen.status)) return seen;
  if (seen.system !== next.system || seen.scope !== next.scope || seen.kind !== next.kind) return seen;
  return {
    ...seen,
    ...definedOf(next),
    startedAt: seen.startedAt,
    verified: seen.verified === true || next.verified === true ? true : (next.verified ?? seen.verified),
  };
}

function definedOf(report: BackupReport): Partial<BackupReport> {
  return Object.fromEntries(Object.entries(report).filter(([, value]) => value !== undefined));
}

/**
 * The writes of one folded report, received at `now`, in order: for a final report, first the
 * step from running (if the run is running), then the upsert of the final status itself (which
 * matches the run just finished, or one already final with the same status, or makes it); the
 * last write is the one whose result tells (made, refused).
 */
export function runWrites(report: BackupReport, now: Date): AnyBulkWriteOperation<BackupRun>[] {
  const { backupId: _id, system, scope, kind, status, startedAt, location } = report;
  const said = {
    ...(report.sizeBytes !== undefined ? { sizeBytes: report.sizeBytes } : {}),
    ...(report.checksum !== undefined ? { checksum: report.checksum } : {}),
    ...(report.message !== undefined ? { message: report.message } : {}),
    ...(report.storage ? { storage: report.storage.name } : {}),
  };
  if (!isFinal(status)) {
    return [
      {
        updateOne: {
          filter: { _id },
          update: {
            $setOnInsert: {
              system,
              scope,
              kind,
              status,
              startedAt,
              location,
              verified: report.verified === true,
              firstSeenAt: now,
              ...said,
            },
            $max: { lastSeenAt: now },
            $inc: { reports: 1 },
          },
          upsert: true,
        },
      },
    ];
  }
  const identity = { _id, system, scope, kind };
  const ending = { status, location, finishedAt: report.finishedAt ?? now, ...said };
  return [
    { updateOne: { filter: { ...identity, status: 'running' }, update: { $set: ending } } },
    {
      updateOne: {
        filter: { ...identity, status },
        update: {
          $set: ending,
          $max: { verified: report.verified === true, lastSeenAt: now },
          $setOnInsert: { startedAt, firstSeenAt: now },
          $inc: { reports: 1 },
        },
        upsert: true,
      },
    },
  ];
}
