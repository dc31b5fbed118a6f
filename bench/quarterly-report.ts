// The quarterly evaluation over a full quarter (issue 16, "Tests and speed"): 20,000 incidents,
// 1,000,000 alerts, 100,000 backup runs and 10,000 surveys in 2026-Q4 (and a tenth of each in the
// quarter before, which the report compares with), written raw as their models store them; then a
// fresh process (bench/quarterly-report-child.ts) makes the evaluation — numbers by aggregation in
// the database, charts and workbook in both languages — and its time and peak RSS are taken.
// BENCH_REPORT_SCALE (default 1) scales every count, for a quicker run. A section of `npm run
// bench`; also runs alone: `npx tsx bench/quarterly-report.ts`.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MongoClient, type Db } from 'mongodb';
import { startEmbeddedEngine } from '../src/db/embedded-engine.js';

const SCALE = Number(process.env.BENCH_REPORT_SCALE ?? 1);
export const COUNTS = {
  incidents: Math.round(20_000 * SCALE),
  alerts: Math.round(1_000_000 * SCALE),
  backupRuns: Math.round(100_000 * SCALE),
  surveys: Math.round(10_000 * SCALE),
  restores: Math.round(500 * SCALE),
};
const Q4_START = Date.parse('2026-09-30T16:00:00Z');
const Q4_MS = 92 * 86_400_000;
const Q3_START = Date.parse('2026-06-30T16:00:00Z');
const Q3_MS = 92 * 86_400_000;
const BATCH = 10_000;
const SEVERITIES = ['P1', 'P2', 'P3', 'P4'];
const CATEGORIES = ['routine', 'technical', 'security', 'special'];
const LAYERS = ['infrastructure', 'platform', 'application'];
const SCOPES = ['business', 'database', 'config', 'os-image', 'other'];

export interface QuarterlyReportResult {
  counts: typeof COUNTS;
  loadS: number;
  ms: number;
  numbersMs: number;
  peakRssMb: number;
  baseRssMb: number;
  files: number;
}

/** Instant `i` of `n` spread over Q4, or over Q3 for every tenth (the quarter before). */
function at(i: number, n: number): Date {
  if (i % 10 === 9) return new Date(Q3_START + ((i * 7919) % n) * (Q3_MS / n));
  return new Date(Q4_START + ((i * 7919) % n) * (Q4_MS / n));
}

async function insert(db: Db, name: string, count: number, make: (i: number) => object): Promise<void> {
  for (let from = 0; from < count; from += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, count - from) }, (_, k) => make(from + k));
    await db.collection(name).insertMany(docs as never[], { ordered: false });
  }
}

async function load(db: Db): Promise<void> {
  const { incidents, alerts, backupRuns, surveys, restores } = COUNTS;
  await insert(db, 'incidents', incidents, (i) => {
    const reported = at(i, incidents);
    const open = i % 50 === 0;
    return {
      _id: `INC-${i + 1}`,
      shortId: `INC-${i + 1}`,
      title: `incident ${i}`,
      severity: SEVERITIES[i % 4],
      category: CATEGORIES[(i >> 2) % 4],
      system: `sys-${i % 200}`,
      state: open ? 'investigating' : 'closed',
      reporter: 'slack:U1',
      stateAt: {
        reported,
        acknowledged: new Date(reported.getTime() + ((i % 30) + 1) * 60_000),
        ...(open ? {} : { resolved: new Date(reported.getTime() + ((i % 48) + 1) * 1_800_000) }),
      },
      lastUpdateAt: reported,
      escalations: 0,
      cardVersion: 3,
      timeline: [],
    };
  });
  await insert(db, 'alerts', alerts, (i) => {
    const seen = at(i, alerts);
    return {
      _id: `fp-${i}`,
      source: 'alertmanager',
      name: `Alert${i % 300}`,
      status: i % 3 === 0 ? 'firing' : 'resolved',
      severity: 'major',
      layer: LAYERS[i % 3],
      summary: `summary of alert ${i % 300} on host-${i % 5000}`,
      labels: { alertname: `Alert${i % 300}`, instance: `host-${i % 5000}`, job: 'node' },
      startsAt: seen,
      firstSeenAt: seen,
      lastSeenAt: seen,
      count: 1 + (i % 7),
      groupKey: `g-${i % 300}`,
      truncatedInBatch: 0,
    };
  });
  await insert(db, 'backup_runs', backupRuns, (i) => {
    const started = at(i, backupRuns);
    return {
      _id: `run-${i}`,
      system: `sys-${i % 2000}`,
      scope: SCOPES[i % 5],
      kind: i % 7 === 0 ? 'full' : 'incremental',
      status: i % 40 === 0 ? 'failed' : 'succeeded',
      startedAt: started,
      finishedAt: new Date(started.getTime() + 1_800_000),
      sizeBytes: 1e9 + i,
      location: 'remote',
      verified: true,
      firstSeenAt: started,
      lastSeenAt: started,
      reports: 2,
    };
  });
  await insert(db, 'surveys', surveys, (i) => {
    const sent = at(i, surveys);
    const answered = i % 4 !== 0;
    return {
      _id: `SRV-${i + 1}`,
      shortId: `SRV-${i + 1}`,
      person: `slack:U${i}`,
      reason: 'incident_closed',
      sentBy: 'system',
      sentAt: sent,
      closesAt: new Date(sent.getTime() + 7 * 86_400_000),
      remindAt: new Date(sent.getTime() + 2 * 86_400_000),
      state: 'closed',
      answers: answered
        ? { timeliness: 1 + (i % 5), quality: 1 + ((i >> 1) % 5), overall: 1 + ((i >> 2) % 5), loyalty: i % 11 }
        : {},
    };
  });
  await insert(db, 'restore_requests', restores, (i) => {
    const created = at(i, restores);
    return {
      _id: `RST-${i + 1}`,
      system: `sys-${i % 200}`,
      state: i % 5 === 0 ? 'pending' : 'verified',
      createdAt: created,
      updatedAt: created,
      ...(i % 5 === 0 ? {} : { verification: { by: 'slack:U2', at: new Date(created.getTime() + 7_200_000) } }),
    };
  });
}

function runChild(uri: string): Promise<Omit<QuarterlyReportResult, 'counts' | 'loadS'>> {
  const script = fileURLToPath(new URL('./quarterly-report-child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, uri], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const match = /RESULT (\{.*\})/.exec(out);
      if (code !== 0 || !match) reject(new Error(`the report process exited with ${code}: ${out.slice(0, 300)}`));
      else resolve(JSON.parse(match[1]!) as Omit<QuarterlyReportResult, 'counts' | 'loadS'>);
    });
  });
}

export async function benchQuarterlyReport(databaseUri: string): Promise<QuarterlyReportResult> {
  const client = await MongoClient.connect(databaseUri);
  try {
    const db = client.db();
    await db.dropDatabase();
    const loading = performance.now();
    await load(db);
    const loadS = Math.round((performance.now() - loading) / 100) / 10;
    process.stderr.write(`quarterly report bench: loaded in ${loadS} s\n`);
    return { counts: COUNTS, loadS, ...(await runChild(databaseUri)) };
  } finally {
    await client.close();
  }
}

export function quarterlyReportSection(result: QuarterlyReportResult, engine: string): string {
  const c = result.counts;
  const n = (v: number) => v.toLocaleString('en');
  return `
## Quarterly evaluation (issue 16)

One quarter (2026-Q4) of ${n(c.incidents)} incidents, ${n(c.alerts)} alerts, ${n(c.backupRuns)} backup runs,
${n(c.surveys)} surveys and ${n(c.restores)} restores (a tenth of each in the quarter before, which the
evaluation compares with), written raw as the models store them (loading took ${result.loadS} s). A fresh
process then makes the evaluation: every section's numbers by aggregation in the database
(${n(result.numbersMs)} ms), then the report in both languages with its charts (PNG) and workbook
(${result.files} files). Database: ${engine}.

| what | measured | goal |
|---|---|---|
| time, numbers to finished files | ${n(result.ms)} ms | < 20,000 ms |
| Zhiban's peak RSS (the report's process) | ${result.peakRssMb} MB (${result.baseRssMb} MB before it began) | < 400 MB |
`;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'zhiban-bench-report-'));
  const given = process.env.BENCH_MONGODB_URI;
  const engine = given ? undefined : await startEmbeddedEngine({ dataDir, storage: 'memory', log: () => undefined });
  const uri = given ?? engine!.uri;
  try {
    const result = await benchQuarterlyReport(uri.replace(/\/[^/?]*(\?|$)/, `/zhiban_bench_report$1`));
    process.stdout.write(quarterlyReportSection(result, given ? 'BENCH_MONGODB_URI' : `${engine!.engine} (memory)`));
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
