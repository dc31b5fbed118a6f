// How fast backup run reports are taken in through POST /webhooks/backups (10,000 reports in
// batches of 100), beside the raw bulkWrite of the very same run upserts on the same database in
// the same run; and the time of one check sweep over 2,000 systems × 5 scopes with 90 days of
// history (bench/backup-sweep.ts). Runs alone with `npx tsx bench/backup-intake.ts`, on an
// embedded engine of its own (or BENCH_MONGODB_URI), printing its section; `npm run bench` adds
// the section to bench/RESULTS.md.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MongoClient, type Collection } from 'mongodb';
import type { BackupRun } from '../models/backups/backup-run.js';
import { RUN_FINAL_INDEX, SCOPES } from '../models/backups/backup-run.js';
import { durableWriteConcern } from '../src/db/connect.js';
import { startEmbeddedEngine } from '../src/db/embedded-engine.js';
import { readReport, type BackupReport } from '../src/domains/backups/format.js';
import { foldReports, runWrites } from '../src/domains/backups/rules/run-upsert.js';
import { inBatches } from './alert-intake.js';
import { benchBackupSweep, HISTORY_DAYS, SYSTEMS, type BackupSweepResult } from './backup-sweep.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

const TOKEN = 'bench-webhook-token';
export const REPORTS = 10_000;
export const BATCH = 100;
const TURNS = 4;

export interface BackupIntakeResult {
  raw: number;
  zhiban: number;
  bytesPerReport: number;
  sweep: BackupSweepResult;
}

/**
 * Report `i` of `round`: system i / 5 (2,000 of them), scope i % 5; the latest run of each system
 * × scope finished a minute ago, the one before it 50 minutes before that (nothing is late, so the
 * checks that follow find nothing to say).
 */
function reportBody(i: number, round: 'previous' | 'latest') {
  const finished = new Date(Date.now() - 60_000 - (round === 'previous' ? 50 * 60_000 : 0));
  return {
    system: `sys-${Math.floor(i / SCOPES.length)}`,
    scope: SCOPES[i % SCOPES.length],
    kind: 'full',
    status: 'succeeded',
    backupId: `${round}-${i}`,
    startedAt: new Date(finished.getTime() - 30 * 60_000).toISOString(),
    finishedAt: finished.toISOString(),
    sizeBytes: 1_000_000_000 + i,
    location: i % 2 ? 'remote' : 'local',
    verified: true,
    storage: { name: `nas-${i % 10}`, totalBytes: 100_000_000_000_000, freeBytes: 40_000_000_000_000 },
  };
}

function sender(server: ServerProcess, round: 'previous' | 'latest') {
  return async (ids: number[]) => {
    const res = await fetch(`${server.url}/webhooks/backups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(ids.map((i) => reportBody(i, round))),
    });
    const answer = (await res.json()) as { accepted?: number };
    if (res.status !== 202 || answer.accepted !== ids.length) {
      throw new Error(`/webhooks/backups: HTTP ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
    }
  };
}

/** The runs' write the intake makes, from this process, of reports read beforehand. */
function rawSender(collection: Collection<BackupRun>, reports: ReadonlyMap<number, BackupReport>) {
  return async (ids: number[]) => {
    const at = new Date();
    await collection.bulkWrite(
      foldReports(ids.map((i) => reports.get(i)!)).flatMap((report) => runWrites(report, at)),
      { ordered: true },
    );
  };
}

function readAll(count: number, round: 'previous' | 'latest'): Map<number, BackupReport> {
  const now = new Date();
  const reports = new Map<number, BackupReport>();
  for (let i = 0; i < count; i += 1) {
    const result = readReport(reportBody(i, round), now);
    if (!result.ok) throw new Error(`bench report ${i} is invalid: ${result.reason}`);
    reports.set(i, result.report);
  }
  return reports;
}

export async function benchBackupIntake(databaseUri: (name: string) => string): Promise<BackupIntakeResult> {
  const intakeUri = databaseUri('zhiban_bench_backups');
  const client = await MongoClient.connect(intakeUri, { writeConcern: durableWriteConcern(intakeUri) });
  const db = client.db();
  await db.dropDatabase();
  const raw = db.collection<BackupRun>('bench_raw_backup_runs');
  // The index Zhiban's runs have, so both sides find a run the same way.
  await raw.createIndex(RUN_FINAL_INDEX, { unique: true });
  const server = await startServerProcess('zhiban', {
    PORT: '0',
    MONGODB_URI: intakeUri,
    WEBHOOK_TOKEN: TOKEN,
    LOG_LEVEL: 'silent',
  });
  let rawSeconds = 0;
  let zhibanSeconds = 0;
  try {
    // The previous runs make the systems known (and warm both sides up); the latest are measured.
    await inBatches(0, REPORTS, BATCH, REPORTS, rawSender(raw, readAll(REPORTS, 'previous')));
    await inBatches(0, REPORTS, BATCH, REPORTS, sender(server, 'previous'));
    // Raw and Zhiban take turns on slices of the 10,000, so a busy moment falls on both alike.
    const slice = REPORTS / TURNS;
    const reports = readAll(REPORTS, 'latest');
    for (let turn = 0; turn < TURNS; turn += 1) {
      rawSeconds += await inBatches(turn * slice, slice, BATCH, REPORTS, rawSender(raw, reports));
      zhibanSeconds += await inBatches(turn * slice, slice, BATCH, REPORTS, sender(server, 'latest'));
    }
    const stored = await db.collection('backup_runs').countDocuments({ _id: /^latest-/ });
    if (stored !== REPORTS) throw new Error(`expected ${REPORTS} stored runs, found ${stored}`);
  } finally {
    await server.stop();
    await client.close();
  }
  const sweep = await benchBackupSweep(databaseUri('zhiban_bench_backup_sweep'));
  return {
    raw: Math.round(REPORTS / rawSeconds),
    zhiban: Math.round(REPORTS / zhibanSeconds),
    bytesPerReport: Math.round(JSON.stringify(reportBody(0, 'latest')).length),
    sweep,
  };
}

export function backupIntakeSection(result: BackupIntakeResult): string {
  const { sweep } = result;
  const steady = sweep.steadyMs;
  return `## Backup intake and checks (\`POST /webhooks/backups\`)

Backup run reports of about ${result.bytesPerReport} bytes of JSON each (a succeeded full, with its storage), ${REPORTS.toLocaleString('en')} of them
in batches of ${BATCH}, 4 in flight, to a Zhiban server in its own process; each 202 is given once the runs,
the summaries of their systems × scopes and their storages are stored (the at-once checks follow in
the background). Raw is the driver's \`bulkWrite\` (ordered, as the intake's) of the very same run writes
(\`src/domains/backups/rules/run-upsert.ts\`, reports read beforehand) from the bench process into another
collection of the same database. Both first take the previous run of each of the 2,000 systems × 5 scopes (so the
systems are known, as on any day but the first), then take turns on their latest runs in ${TURNS} slices. Reports per second:

| workload | raw \`bulkWrite\` | Zhiban | Zhiban / raw |
|---|---|---|---|
| ${REPORTS.toLocaleString('en')} reports (new runs of known systems) | ${result.raw} | ${result.zhiban} | **${Math.round((100 * result.zhiban) / result.raw)} %** |

Goal: ≥ 60 % of raw.

One check sweep (\`BackupChecks.sweep\`, checks 1–7) over ${SYSTEMS.toLocaleString('en')} systems × ${SCOPES.length} scopes = ${sweep.summaries.toLocaleString('en')} summaries, with
${HISTORY_DAYS} days of history (${sweep.runs.toLocaleString('en')} runs: one a day per system × scope; the last six days sent through the
intake, the rest written raw; prepared in ${sweep.prepareS} s), timed in the bench process; the alerts it raises
are counted, not stored. The first sweep raised ${sweep.firstSweep.raised} findings (a system in fifty stopped nine days ago);
the ${steady.length} after it, with nothing changed, raised ${sweep.raisedLater}.

| sweep | ms |
|---|---|
| first (records ${sweep.firstSweep.raised} verdicts) | ${sweep.firstSweep.ms} |
| later, median of ${steady.length} | **${steady[Math.floor(steady.length / 2)]}** |
| later, slowest | ${steady[steady.length - 1]} |

Goal: < 2 s.
`;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'zhiban-bench-backups-'));
  const given = process.env.BENCH_MONGODB_URI;
  const engine = given ? undefined : await startEmbeddedEngine({ dataDir, storage: 'memory', log: () => undefined });
  const uri = given ?? engine!.uri;
  try {
    const result = await benchBackupIntake((name) => uri.replace(/\/[^/?]*(\?|$)/, `/${name}$1`));
    process.stdout.write(backupIntakeSection(result));
  } finally {
    await engine?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
