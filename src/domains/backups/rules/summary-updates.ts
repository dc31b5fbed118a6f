// How a stored report changes its system × scope's summary (models/backups/backup-summary.ts).
// Every write is idempotent, so a report applied twice (a retry, two processes) or late (an older
// run after a newer one) leaves the summary as one report would: a succeeded run joins the recent
// list only if it is not there yet, the list stays sorted by start and short; a failure replaces
// the latest only if it started later; the off-site time only grows. Each write raises `rev`, which
// is how the checks know their verdict was read before a change.
import type { AnyBulkWriteOperation } from 'mongodb';
import { OFFSITE_LOCATIONS, SCOPES } from '../../../../models/backups/backup-run.js';
import { RECENT_KEPT, summaryKey, type BackupSummary } from '../../../../models/backups/backup-summary.js';
import type { BackupReport } from '../format.js';

type Op = AnyBulkWriteOperation<BackupSummary>;

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
          running: [],
          offsiteAt: null,
          findings: {},
        },
      },
      upsert: true,
    },
  }));
}

/**
 * The writes for one folded report that the runs' write took (`made`: it made a new run). A
 * `running` report that found its run already there says nothing new; one that a final status
 * refused is not applied at all (the caller leaves it out).
 */
export function summaryOps(report: BackupReport, made: boolean, now: Date): Op[] {
  const _id = summaryKey(report.system, report.scope);
  const { kind, backupId: id, startedAt } = report;
  if (report.status === 'running') {
    if (!made) return [];
    return [
      {
        updateOne: {
          filter: { _id, 'running.id': { $ne: id } },
          update: { $push: { running: { id, kind, startedAt } }, $inc: { rev: 1 } },
        },
      },
    ];
  }
  const finishedAt = report.finishedAt ?? now;
  const done: Op = {
    updateOne: {
      filter: { _id },
      update: {
        $pull: { running: { id } },
        ...(report.status === 'succeeded' && OFFSITE_LOCATIONS.includes(report.location)
          ? { $max: { offsiteAt: finishedAt } }
          : {}),
        $inc: { rev: 1 },
      },
    },
  };
  if (report.status === 'failed') {
    const failed = { id, startedAt, finishedAt, ...(report.message ? { message: report.message.slice(0, 500) } : {}) };
    return [
      {
        updateOne: {
          filter: { _id, $or: [{ [`failed.${kind}`]: null }, { [`failed.${kind}.startedAt`]: { $lt: startedAt } }] },
          update: { $set: { [`failed.${kind}`]: failed } },
        },
      },
      done,
    ];
  }
  const entry = {
    id,
    startedAt,
    finishedAt,
    location: report.location,
    verified: report.verified === true,
    ...(report.sizeBytes !== undefined ? { sizeBytes: report.sizeBytes } : {}),
  };
  const ops: Op[] = [
    {
      updateOne: {
        filter: { _id, [`recent.${kind}.id`]: { $ne: id } },
        update: {
          $push: { [`recent.${kind}`]: { $each: [entry], $sort: { startedAt: -1 }, $slice: RECENT_KEPT } },
        } as never,
      },
    },
  ];
  // The tool's integrity check may be reported later, in a report of its own.
  if (report.verified === true) {
    ops.push({
      updateOne: {
        filter: { _id, [`recent.${kind}.id`]: id },
        update: { $set: { [`recent.${kind}.$.verified`]: true } },
      },
    });
  }
  return [...ops, done];
}
