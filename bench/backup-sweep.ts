// One backup check sweep over 2,000 systems × 5 scopes with 90 days of history (issue 12, "Tests
// and speed"): the runs' history is written raw (a run a day per system × scope, 900,000 runs),
// the last days of it also through the real intake so the summaries are what Zhiban keeps, then the
// sweep (src/domains/backups/rules/backup-checks.ts) is timed in this process against that database.
import type { Collection } from 'mongodb';
import type { BackupRun } from '../models/backups/backup-run.js';
import { SCOPES } from '../models/backups/backup-run.js';
import { ensureIndexes } from '../models/index.js';
import { connectDatabase } from '../src/db/connect.js';
import { findingName, findingSummary } from '../src/domains/backups/cards/finding-text.js';
import type { BackupReport } from '../src/domains/backups/format.js';
import { BackupChecks } from '../src/domains/backups/rules/backup-checks.js';
import { BackupIntake } from '../src/domains/backups/rules/intake.js';
import { bindModels } from '../src/domains/registry.js';
import { Translator } from '../src/kernel/i18n.js';
import { silentLogger } from '../src/kernel/logger.js';

export const SYSTEMS = Number(process.env.BENCH_BACKUP_SYSTEMS ?? 2_000);
export const HISTORY_DAYS = Number(process.env.BENCH_BACKUP_DAYS ?? 90);
/** Days of the history also sent through the intake: the summary keeps the last six runs of a kind. */
const RECENT_DAYS = 6;
const SWEEPS = 5;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const GIB = 2 ** 30;
const INSERT_BATCH = 10_000;
const INTAKE_BATCH = 1_000;

export interface BackupSweepResult {
  runs: number;
  summaries: number;
  /** Findings the first sweep raised (a system in fifty is late); later sweeps raise none. */
  firstSweep: { ms: number; raised: number };
  /** The later sweeps, nothing changed: milliseconds each, sorted. */
  steadyMs: number[];
  raisedLater: number;
  prepareS: number;
}

/** The run of system `s`, scope `c`, `days` ago: a full at 02:00, off-site, verified; one system in fifty stopped 9 days ago. */
function report(s: number, c: number, days: number, now: Date): BackupReport {
  const finished = new Date(now.getTime() - days * DAY - ((s * 7 + c) % 60) * 60_000);
  const scope = SCOPES[c]!;
  return {
    system: `sys-${String(s).padStart(4, '0')}`,
    scope,
    kind: 'full',
    status: 'succeeded',
    backupId: `sys-${s}-${scope}-${days}`,
    startedAt: new Date(finished.getTime() - 40 * 60_000),
    finishedAt: finished,
    sizeBytes: (1 + ((s * 13 + c) % 90)) * GIB + days * 1000,
    location: 'remote',
    verified: true,
  };
}

const stopped = (s: number) => s % 50 === 0;

/** Where the bench is, on stderr: preparing 900,000 runs takes a while. */
function progress(what: string, since: number): void {
  process.stderr.write(`backup sweep bench: ${what} (${Math.round((performance.now() - since) / 1000)} s)\n`);
}

export async function benchBackupSweep(databaseUri: string): Promise<BackupSweepResult> {
  const connection = await connectDatabase(databaseUri, silentLogger());
  const started = performance.now();
  try {
    await connection.db!.dropDatabase();
    const models = bindModels(connection);
    await ensureIndexes(models);
    const now = new Date();
    const clock = { now: () => now };
    const runs = models.BackupRun.collection as unknown as Collection<BackupRun>;
    // The history: what the sweep must not read.
    let batch: BackupRun[] = [];
    for (let s = 0; s < SYSTEMS; s += 1) {
      for (let c = 0; c < SCOPES.length; c += 1) {
        for (let days = RECENT_DAYS; days < HISTORY_DAYS; days += 1) {
          const r = report(s, c, days, now);
          batch.push({
            _id: r.backupId,
            system: r.system,
            scope: r.scope,
            kind: r.kind,
            status: 'succeeded',
            startedAt: r.startedAt,
            finishedAt: r.finishedAt!,
            sizeBytes: r.sizeBytes!,
            location: r.location,
            verified: true,
            firstSeenAt: r.finishedAt!,
            lastSeenAt: r.finishedAt!,
            reports: 1,
          });
          if (batch.length === INSERT_BATCH) {
            await runs.insertMany(batch, { ordered: false });
            batch = [];
          }
        }
      }
    }
    if (batch.length > 0) await runs.insertMany(batch, { ordered: false });
    progress('history written', started);
    // The last days through the intake, oldest first, as they would have come.
    const intake = new BackupIntake({ ...intakeModels(models), clock, logger: silentLogger() });
    for (let day = RECENT_DAYS - 1; day >= 0; day -= 1) {
      let reports: BackupReport[] = [];
      for (let s = 0; s < SYSTEMS; s += 1) {
        // A stopped system's last six runs are nine days old and more.
        const days = stopped(s) ? day + 9 : day;
        for (let c = 0; c < SCOPES.length; c += 1) reports.push(report(s, c, days, now));
        // Business data also has its hourly incremental, the latest 20 minutes ago.
        if (days === 0) {
          const finishedAt = new Date(now.getTime() - HOUR / 3);
          reports.push({ ...report(s, 0, 0, now), kind: 'incremental', backupId: `sys-${s}-inc`, finishedAt });
        }
        if (reports.length >= INTAKE_BATCH) {
          await intake.accept(reports);
          reports = [];
        }
      }
      if (reports.length > 0) await intake.accept(reports);
      progress(`day ${day} through the intake`, started);
    }
    const prepareS = (performance.now() - started) / 1000;

    let raised = 0;
    const t = new Translator('zh-CN').forLocale('zh-CN');
    const checks = new BackupChecks({
      ...intakeModels(models),
      policies: models.BackupPolicy,
      // The findings' alerts are counted, not stored: the sweep's own reading and deciding is what is timed.
      alerts: { raise: async (alerts) => void (raised += alerts.length) },
      words: {
        name: (check) => findingName(t, check),
        summary: (about, f) => findingSummary(t, about, f, 'Asia/Shanghai'),
      },
      settings: { smallBelow: 0.5 },
      clock,
      logger: silentLogger(),
    });
    const time = async () => {
      const t0 = performance.now();
      await checks.sweep();
      return Math.round(performance.now() - t0);
    };
    const firstMs = await time();
    const firstRaised = raised;
    const steadyMs: number[] = [];
    for (let i = 0; i < SWEEPS; i += 1) steadyMs.push(await time());
    return {
      runs: await models.BackupRun.estimatedDocumentCount(),
      summaries: await models.BackupSummary.estimatedDocumentCount(),
      firstSweep: { ms: firstMs, raised: firstRaised },
      steadyMs: steadyMs.sort((a, b) => a - b),
      raisedLater: raised - firstRaised,
      prepareS: Math.round(prepareS),
    };
  } finally {
    await connection.close();
  }
}

function intakeModels(models: ReturnType<typeof bindModels>) {
  return {
    runs: models.BackupRun,
    summaries: models.BackupSummary,
    storages: models.BackupStorage,
    samples: models.StorageSample,
  };
}
