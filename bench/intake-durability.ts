// `npm run bench:durability`: what it costs that the embedded engine commits each write to its
// file before acknowledging it. Two file-backed engines run side by side, each with a Zhiban server
// process of its own: one left to H2's timer commit (Zhiban before issue 11, which a killed process
// could lose the last second of), one committing each write (Zhiban now). The alert intake of
// bench/alert-intake.ts (Zhiban's webhook, and the raw bulkWrite of the same upserts) takes turns
// on the two in short slices, so that the shared machine's other work falls on both alike.
// Writes its section of bench/RESULTS.md.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import type { Alert } from '../models/alerts/alert.js';
import { durableWriteConcern } from '../src/db/connect.js';
import { startEmbeddedEngine, type EngineHandle } from '../src/db/embedded-engine.js';
import { BATCH, IN_FLIGHT, inBatches, normalizeAll, rawSender, TOKEN, webhookSender } from './alert-intake.js';
import { DURABILITY_HEADING, withSection } from './results-file.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

const ROUNDS = 20;
const SLICE = 500;
const WARM_UP = 2000;
/** Ids of the inserts go up to here; the updates repeat the first SLICE, stored in round one. */
const IDS = ROUNDS * SLICE;

type Sender = (ids: number[]) => Promise<void>;
type Work = 'inserts' | 'updates';

interface Side {
  name: 'timer' | 'each write';
  engine: EngineHandle;
  dataDir: string;
  client: MongoClient;
  server: ServerProcess;
  raw: Sender;
  zhiban: Sender;
  seconds: Record<`${'raw' | 'zhiban'} ${Work}`, number>;
}

async function side(name: Side['name'], commitEachWrite: boolean): Promise<Side> {
  const dataDir = await mkdtemp(join(tmpdir(), 'zhiban-bench-durability-'));
  // The Java engine even where a mongod is installed: it is the engine whose commit is measured.
  const engine = await startEmbeddedEngine({
    dataDir,
    storage: 'file',
    log: () => undefined,
    mongodPath: null,
    commitEachWrite,
  });
  const uri = engine.uri.replace(/\/zhiban$/, '/zhiban_bench_durability');
  const client = await MongoClient.connect(uri, { writeConcern: durableWriteConcern(uri) });
  const server = await startServerProcess('zhiban', {
    PORT: '0',
    MONGODB_URI: uri,
    WEBHOOK_TOKEN: TOKEN,
    LOG_LEVEL: 'silent',
  });
  const collection = client.db().collection<Alert>('bench_raw_alerts');
  return {
    name,
    engine,
    dataDir,
    client,
    server,
    raw: rawSender(collection, normalizeAll(range(0, IDS))),
    zhiban: webhookSender(server),
    seconds: { 'raw inserts': 0, 'zhiban inserts': 0, 'raw updates': 0, 'zhiban updates': 0 },
  };
}

function range(from: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => from + k);
}

async function close(s: Side): Promise<void> {
  await s.server.stop();
  await s.client.close();
  await s.engine.stop();
  await rm(s.dataDir, { recursive: true, force: true });
}

/** Alerts per second of each side, raw and Zhiban, inserts and updates. */
async function measure(sides: Side[]): Promise<void> {
  for (const s of sides) {
    // Warm-up on ids of their own (JIT of the engine and of Node), not counted.
    const warm = normalizeAll(range(IDS, WARM_UP), 'warm-up');
    const collection = s.client.db().collection<Alert>('bench_warm_up');
    await inBatches(IDS, WARM_UP, BATCH, WARM_UP * 2, rawSender(collection, warm));
    await inBatches(IDS, WARM_UP, BATCH, WARM_UP * 2, webhookSender(s.server, 'warm-up'));
  }
  for (let round = 0; round < ROUNDS; round++) {
    // Each measurement is taken on the two sides one right after the other, the order changing
    // every round, so that neither always meets the same moment of the machine.
    const pair = round % 2 ? [...sides].reverse() : sides;
    for (const [work, first, distinct] of [
      ['inserts', round * SLICE, IDS],
      ['updates', 0, SLICE],
    ] as const) {
      for (const sender of ['raw', 'zhiban'] as const) {
        for (const s of pair)
          s.seconds[`${sender} ${work}`] += await inBatches(first, SLICE, BATCH, distinct, s[sender]);
      }
    }
  }
}

function section(timer: Side, each: Side): string {
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const rate = (s: Side, key: keyof Side['seconds']) => Math.round((ROUNDS * SLICE) / s.seconds[key]);
  const rows = (['inserts', 'updates'] as const).map((work) => {
    const [tr, tz, er, ez] = [
      rate(timer, `raw ${work}`),
      rate(timer, `zhiban ${work}`),
      rate(each, `raw ${work}`),
      rate(each, `zhiban ${work}`),
    ];
    const pct = (a: number, b: number) => `${Math.round((100 * a) / b)} %`;
    return `| ${work} | ${tr} | ${er} | ${pct(er, tr)} | ${tz} | ${ez} | **${pct(ez, tz)}** |`;
  });
  return `${DURABILITY_HEADING}

Measured on ${new Date().toISOString().slice(0, 10)}: ${machine}. Two embedded engines with file storage (mongo-java-server, H2 files
in fresh directories), each with a Zhiban server process of its own: one leaving commits to H2's
timer (about once a second: Zhiban before issue 11, when a killed process could lose the last
acknowledged writes), one committing each write before acknowledging it (Zhiban now). The alert
intake of the benchmark above (generic alerts in batches of ${BATCH}, ${IN_FLIGHT} in flight; raw is the
driver's \`bulkWrite\` of the same upserts) takes turns on the two: ${ROUNDS} rounds, each of ${SLICE} new alerts (inserts)
and ${SLICE} repeats (updates), raw and through Zhiban, every one measured on one side right after
the other; ${WARM_UP.toLocaleString('en')} alerts of warm-up first. On a machine shared with other work the
figures move from run to run, the ratios too (by some ±15 points on the 2-core machine these were
measured on); run it a few times before reading much into one. Alerts per second:

| workload | raw, timer | raw, each write | raw: each / timer | Zhiban, timer | Zhiban, each write | Zhiban: each / timer |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
}

async function main(): Promise<void> {
  const timer = await side('timer', false);
  const each = await side('each write', true);
  try {
    await measure([timer, each]);
    const text = section(timer, each);
    process.stdout.write(text);
    const file = new URL('./RESULTS.md', import.meta.url);
    const before = await readFile(file, 'utf8').catch(() => '# Benchmark results\n');
    await writeFile(file, withSection(before, DURABILITY_HEADING, text));
  } finally {
    await close(timer);
    await close(each);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench:durability failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
