// The one write that stores a reported run, and how reports of one run in one batch fold into one.
// Status only moves forward: a `running` report makes the run if it is new and touches nothing
// else; a final report (`succeeded`, `failed`) makes it or finishes it, and may repeat itself with
// more to say (a size, `verified: true`), but never turns a final status into the other one, nor
// moves a run to another system, scope or kind: the database refuses that write as a duplicate
// _id (code 11000), and the intake counts the report as ignored. Shared with the benchmark, which
// times the same write raw.
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

/** The write of one folded report, received at `now`. */
export function runUpsert(report: BackupReport, now: Date): AnyBulkWriteOperation<BackupRun> {
  const { backupId, system, scope, kind, status, startedAt, location } = report;
  const identity = { system, scope, kind, startedAt, firstSeenAt: now };
  const said = {
    ...(report.sizeBytes !== undefined ? { sizeBytes: report.sizeBytes } : {}),
    ...(report.checksum !== undefined ? { checksum: report.checksum } : {}),
    ...(report.message !== undefined ? { message: report.message } : {}),
    ...(report.storage ? { storage: report.storage.name } : {}),
  };
  if (!isFinal(status)) {
    return {
      updateOne: {
        filter: { _id: backupId },
        update: {
          $setOnInsert: { ...identity, status, location, verified: report.verified === true, ...said },
          $set: { lastSeenAt: now },
          $inc: { reports: 1 },
        },
        upsert: true,
      },
    };
  }
  return {
    updateOne: {
      // Another final status, or another identity, does not match: the upsert then collides on _id.
      filter: { _id: backupId, system, scope, kind, status: { $in: ['running', status] } },
      update: {
        $set: { status, location, finishedAt: report.finishedAt ?? now, lastSeenAt: now, ...said },
        $max: { verified: report.verified === true },
        $setOnInsert: { system, scope, kind, startedAt, firstSeenAt: now },
        $inc: { reports: 1 },
      },
      upsert: true,
    },
  };
}
