// Stores reported backup runs: the runs (status only forward), their systems × scopes' summaries
// and the storages they name, then tells whoever listens which summaries and storages changed (the
// at-once checks, which also give a new system the summaries of its other scopes). Resolves once
// everything is acknowledged by the database, so the webhook's 202 means stored.
import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import { MongoBulkWriteError } from 'mongodb';
import type { Logger } from 'pino';
import type { BackupRun, BackupRunModel } from '../../../../models/backups/backup-run.js';
import type { BackupStorage, BackupStorageModel } from '../../../../models/backups/backup-storage.js';
import { summaryKey, type BackupSummary, type BackupSummaryModel } from '../../../../models/backups/backup-summary.js';
import { sampleKey, type StorageSample, type StorageSampleModel } from '../../../../models/backups/storage-sample.js';
import type { Clock } from '../../../kernel/clock.js';
import type { BackupReport } from '../format.js';
import { foldReports, runWrites } from './run-upsert.js';
import { summaryOp } from './summary-updates.js';

const DUPLICATE_KEY = 11000;

export interface BackupIntakeDeps {
  runs: BackupRunModel;
  summaries: BackupSummaryModel;
  storages: BackupStorageModel;
  samples: StorageSampleModel;
  clock: Clock;
  logger: Logger;
}

/** Told after a batch is stored: the summaries (`system|scope`) and storages it changed. Never awaited by the sender. */
export interface BackupIntakeListener {
  stored(summaries: string[], storages: string[]): void;
}

export interface Accepted {
  accepted: number;
  /** Reports that would have moved a run backward (or to another system): stored as nothing new. */
  ignored: number;
}

export class BackupIntake {
  private readonly listeners: BackupIntakeListener[] = [];

  constructor(private readonly deps: BackupIntakeDeps) {}

  listen(listener: BackupIntakeListener): void {
    this.listeners.push(listener);
  }

  /** Stores the reports; rejects if any write fails (nothing is acknowledged then; sending again is safe). */
  async accept(reports: readonly BackupReport[]): Promise<Accepted> {
    if (reports.length === 0) return { accepted: 0, ignored: 0 };
    const now = this.deps.clock.now();
    const folded = foldReports(reports);
    const [written] = await Promise.all([this.writeRuns(folded, now), this.writeStorages(reports, now)]);
    const ops = folded.flatMap((report, i) => {
      const op = written.refused.has(i) ? undefined : summaryOp(report, written.made.has(i), now);
      return op ? [op] : [];
    });
    // In order: reports of one system × scope meet one document, the first making it.
    if (ops.length > 0) await this.collection<BackupSummary>(this.deps.summaries).bulkWrite(ops, { ordered: true });
    if (written.refused.size > 0) {
      this.deps.logger.info({ ignored: written.refused.size }, 'backup reports that would move a run backward ignored');
    }
    const keys = [...new Set(folded.map((r) => summaryKey(r.system, r.scope)))];
    const storages = [...new Set(reports.flatMap((r) => (r.storage ? [r.storage.name] : [])))];
    for (const listener of this.listeners) listener.stored(keys, storages);
    return { accepted: reports.length, ignored: written.refused.size };
  }

  /** The runs' writes: which reports (by index) made a new run, and which a final status refused. */
  private async writeRuns(folded: BackupReport[], now: Date): Promise<{ made: Set<number>; refused: Set<number> }> {
    const ops: AnyBulkWriteOperation<BackupRun>[] = [];
    // The last write of each report tells what became of it.
    const reportOf = new Map<number, number>();
    folded.forEach((report, i) => {
      ops.push(...runWrites(report, now));
      reportOf.set(ops.length - 1, i);
    });
    const made = new Set<number>();
    const refused = new Set<number>();
    const told = (op: number, into: Set<number>) => reportOf.has(op) && into.add(reportOf.get(op)!);
    // In order, as a report's two writes meet one document; a refused write (rare) stops the
    // batch, so the rest is sent again from the write after it.
    for (let start = 0; start < ops.length;) {
      try {
        const result = await this.collection<BackupRun>(this.deps.runs).bulkWrite(ops.slice(start), { ordered: true });
        for (const op of indexes(result.upsertedIds)) told(start + op, made);
        break;
      } catch (error) {
        if (!(error instanceof MongoBulkWriteError)) throw error;
        const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
        const first = errors[0];
        if (!first || first.code !== DUPLICATE_KEY) throw error;
        for (const op of indexes(error.result.upsertedIds)) told(start + op, made);
        told(start + first.index, refused);
        start += first.index + 1;
      }
    }
    return { made, refused };
  }

  /** The latest capacity of each storage named, and its sample for the hour. */
  private async writeStorages(reports: readonly BackupReport[], now: Date): Promise<void> {
    const latest = new Map<string, NonNullable<BackupReport['storage']>>();
    for (const report of reports) if (report.storage) latest.set(report.storage.name, report.storage);
    if (latest.size === 0) return;
    const storages = [...latest.values()];
    await Promise.all([
      this.collection<BackupStorage>(this.deps.storages).bulkWrite(
        storages.map(({ name, totalBytes, freeBytes }) => ({
          updateOne: {
            filter: { _id: name },
            update: { $set: { totalBytes, freeBytes, at: now }, $inc: { rev: 1 }, $setOnInsert: { findings: {} } },
            upsert: true,
          },
        })),
        { ordered: false },
      ),
      this.collection<StorageSample>(this.deps.samples).bulkWrite(
        storages.map(({ name, totalBytes, freeBytes }) => ({
          updateOne: {
            filter: { _id: sampleKey(name, now) },
            update: { $set: { name, totalBytes, freeBytes, at: now } },
            upsert: true,
          },
        })),
        { ordered: false },
      ),
    ]);
  }

  // The driver's own bulkWrite: mongoose would cast every operation again and add its defaults.
  private collection<T extends { _id: string }>(model: { collection: unknown }): Collection<T> {
    return model.collection as Collection<T>;
  }
}

function indexes(upserted: Record<number, unknown> | undefined): Set<number> {
  return new Set(Object.keys(upserted ?? {}).map(Number));
}
