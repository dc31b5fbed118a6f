// The daily backup report (issue 12, "In chat"), as data: compliance (rows ok / all), what failed
// or is late, the total size of the latest fulls and its growth over a day, the runs of the last
// day, every storage's free space and forecast, and what passed its retention. cards/report.ts
// draws it; the announcer sends it at 09:00 and `/backup report` shows it on demand.
import type { BackupRunModel } from '../../../../models/backups/backup-run.js';
import type { BackupStorage, BackupStorageModel } from '../../../../models/backups/backup-storage.js';
import type { StorageSample, StorageSampleModel } from '../../../../models/backups/storage-sample.js';
import type { RecentRun } from '../../../../models/backups/backup-summary.js';
import type { CleanupList, RetentionList } from './retention.js';
import type { BackupStatus, StatusRow } from './status.js';
import { fullAt, TREND_WINDOW_MS } from './storage-checks.js';

const DAY = 86_400_000;

export interface StorageLine {
  name: string;
  freeBytes: number;
  totalBytes: number;
  percent: number;
  /** When it fills at its trend; undefined when it is not filling. */
  fullAt?: Date | undefined;
}

export interface BackupReportData {
  at: Date;
  rows: { ok: number; all: number };
  /** The rows that are not ok, worst first. */
  problems: StatusRow[];
  /** The latest succeeded full of every system × scope, added up, now and a day earlier. */
  size: { totalBytes: number; dayBeforeBytes: number };
  /** Runs that finished in the last day. */
  runs: { succeeded: number; failed: number };
  storages: StorageLine[];
  cleanup: CleanupList;
}

export interface BackupReporterDeps {
  status: BackupStatus;
  runs: BackupRunModel;
  storages: BackupStorageModel;
  samples: StorageSampleModel;
  retention: RetentionList;
}

export class BackupReporter {
  constructor(private readonly deps: BackupReporterDeps) {}

  async build(now: Date): Promise<BackupReportData> {
    const dayAgo = new Date(now.getTime() - DAY);
    const [rows, succeeded, failed, storages, cleanup] = await Promise.all([
      this.deps.status.rows(),
      this.deps.runs.countDocuments({ status: 'succeeded', finishedAt: { $gte: dayAgo, $lte: now } }),
      this.deps.runs.countDocuments({ status: 'failed', finishedAt: { $gte: dayAgo, $lte: now } }),
      this.storageLines(now),
      this.deps.retention.due(now),
    ]);
    const problems = rows.filter((row) => row.verdict !== 'ok');
    return {
      at: now,
      rows: { ok: rows.length - problems.length, all: rows.length },
      problems,
      size: {
        totalBytes: sum(rows.map((row) => row.full?.sizeBytes)),
        dayBeforeBytes: sum(rows.map((row) => latestBy(row.fulls, dayAgo)?.sizeBytes)),
      },
      runs: { succeeded, failed },
      storages,
      cleanup,
    };
  }

  private async storageLines(now: Date): Promise<StorageLine[]> {
    const storages = await this.deps.storages.find({}).sort({ _id: 1 }).lean<BackupStorage[]>();
    if (storages.length === 0) return [];
    const samples = await this.deps.samples
      .find({ at: { $gt: new Date(now.getTime() - TREND_WINDOW_MS) } })
      .sort({ at: 1 })
      .lean<StorageSample[]>();
    return storages.map((storage) => ({
      name: storage._id,
      freeBytes: storage.freeBytes,
      totalBytes: storage.totalBytes,
      percent: Math.floor((100 * storage.freeBytes) / storage.totalBytes),
      fullAt: fullAt(
        storage,
        samples.filter((s) => s.name === storage._id),
      ),
    }));
  }
}

/** The newest of the runs that had started by `at`. */
function latestBy(runs: readonly RecentRun[], at: Date): RecentRun | undefined {
  return runs.find((run) => run.startedAt <= at);
}

function sum(values: ReadonlyArray<number | undefined>): number {
  return values.reduce<number>((total, value) => total + (value ?? 0), 0);
}
