// How fast alerts are taken in through /webhooks/alerts, beside the raw bulkWrite of the very
// same upserts on the same database in the same run; and how much memory the server holds with
// 100,000 stored alerts. The server runs in its own process, as in production.
import { readFile } from 'node:fs/promises';
import { MongoClient, type Collection } from 'mongodb';
import type { Alert } from '../models/alerts/alert.js';
import { DEFAULT_LAYER_RULES, parseLayerRules } from '../src/domains/alerts/layer-rules.js';
import { genericFormat } from '../src/domains/alerts/formats/generic.js';
import type { NormalizedAlert } from '../src/domains/alerts/rules/intake.js';
import { LayerRules } from '../src/domains/alerts/rules/layer.js';
import { AlertNormalizer } from '../src/domains/alerts/rules/normalizer.js';
import { alertUpsert } from '../src/domains/alerts/rules/upsert.js';
import { durableWriteConcern } from '../src/db/connect.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

export const TOKEN = 'bench-webhook-token';
export const BATCH = 100;
export const IN_FLIGHT = 4;
export const DISTINCT = 10_000;
export const REPEATS = 50_000;
export const STORED = 100_000;
const FILL_BATCH = 1_000;
const WARM_UP = 2_000;

export interface AlertIntakeResult {
  rows: Array<{ workload: string; raw: number; zhiban: number }>;
  memory: { startedMiB: number; storedMiB: number; peakMiB: number; stored: number };
  bytesPerAlert: number;
}

/** A generic alert as a small exporter would send it: id `i` is its identity. */
export function alertNumber(i: number, source = 'bench') {
  return {
    source,
    name: `BenchAlert${i % 50}`,
    status: 'firing',
    severity: ['critical', 'major', 'minor', 'info'][i % 4],
    summary: `Bench alert ${i}`,
    labels: { instance: `host-${i}:9100`, job: i % 3 ? 'node' : 'e-pay', system: `sys-${i % 20}` },
  };
}

/** Sends alerts `first … first+total-1` (ids taken modulo `distinct`) in batches; returns the seconds taken. */
export async function inBatches(
  first: number,
  total: number,
  size: number,
  distinct: number,
  send: (ids: number[]) => Promise<void>,
): Promise<number> {
  const batches = Math.ceil(total / size);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < batches) {
      const b = next++;
      const count = Math.min(size, total - b * size);
      await send(Array.from({ length: count }, (_, k) => first + ((b * size + k) % distinct)));
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return (performance.now() - started) / 1000;
}

type Sender = (ids: number[]) => Promise<void>;

/**
 * Raw and Zhiban take turns on slices of one workload, so a busy moment on the machine falls on
 * both alike; returns each one's alerts per second over all its slices.
 */
async function alternating(
  slices: Array<{ first: number; total: number; distinct: number }>,
  raw: Sender,
  zhiban: Sender,
): Promise<{ raw: number; zhiban: number }> {
  let rawSeconds = 0;
  let zhibanSeconds = 0;
  for (const { first, total, distinct } of slices) {
    rawSeconds += await inBatches(first, total, BATCH, distinct, raw);
    zhibanSeconds += await inBatches(first, total, BATCH, distinct, zhiban);
  }
  const alerts = slices.reduce((sum, slice) => sum + slice.total, 0);
  return { raw: Math.round(alerts / rawSeconds), zhiban: Math.round(alerts / zhibanSeconds) };
}

export function webhookSender(server: ServerProcess, source?: string) {
  return async (ids: number[]) => {
    const res = await fetch(`${server.url}/webhooks/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(ids.map((i) => alertNumber(i, source))),
    });
    const answer = (await res.json()) as { accepted?: number };
    if (res.status !== 202 || answer.accepted !== ids.length) {
      throw new Error(`/webhooks/alerts: HTTP ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
    }
  };
}

/** The bulkWrite the intake makes, from the bench process, of alerts normalized beforehand. */
export function rawSender(collection: Collection<Alert>, normalized: Map<number, NormalizedAlert>) {
  return async (ids: number[]) => {
    const now = new Date();
    await collection.bulkWrite(
      ids.map((i) => alertUpsert(normalized.get(i)!, now)),
      { ordered: false },
    );
  };
}

export function normalizeAll(ids: number[], source?: string): Map<number, NormalizedAlert> {
  const normalizer = new AlertNormalizer(new LayerRules(parseLayerRules(DEFAULT_LAYER_RULES)!), {
    now: () => new Date(),
  });
  const result = new Map<number, NormalizedAlert>();
  for (const i of ids) {
    const read = genericFormat.alert(alertNumber(i, source));
    const normalized = read.ok ? normalizer.normalize(read.alert) : read;
    if (!normalized.ok) throw new Error(`bench alert ${i} is invalid: ${normalized.reason}`);
    result.set(i, normalized.alert);
  }
  return result;
}

/** Resident and peak memory of a process, from Linux's /proc; NaN elsewhere. */
async function memoryOf(pid: number): Promise<{ rssMiB: number; peakMiB: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: Math.round(kib('VmRSS') / 1024), peakMiB: Math.round(kib('VmHWM') / 1024) };
}

export async function benchAlertIntake(databaseUri: string): Promise<AlertIntakeResult> {
  // The write concern Zhiban asks for, so that both sides wait for the same acknowledgement.
  const client = await MongoClient.connect(databaseUri, { writeConcern: durableWriteConcern(databaseUri) });
  const db = client.db();
  await db.dropDatabase();
  const raw = db.collection<Alert>('bench_raw_alerts');
  const range = (from: number, n: number) => Array.from({ length: n }, (_, k) => from + k);
  const normalized = normalizeAll(range(0, DISTINCT));
  const warmUp = normalizeAll(range(STORED, WARM_UP), 'warm-up');
  const server = await startServerProcess('zhiban', {
    PORT: '0',
    MONGODB_URI: databaseUri,
    WEBHOOK_TOKEN: TOKEN,
    LOG_LEVEL: 'silent',
  });
  try {
    // Both paths warm up (the JIT of the engine and of Node) on alerts removed afterwards.
    await inBatches(STORED, WARM_UP, BATCH, WARM_UP, rawSender(raw, warmUp));
    await inBatches(STORED, WARM_UP, BATCH, WARM_UP, webhookSender(server, 'warm-up'));
    await db.collection('alerts').deleteMany({ source: 'warm-up' });
    await raw.deleteMany({});
    const started = await memoryOf(server.pid);

    const toRaw = rawSender(raw, normalized);
    const toZhiban = webhookSender(server);
    const half = DISTINCT / 2;
    const distinct = await alternating(
      [
        { first: 0, total: half, distinct: STORED },
        { first: half, total: half, distinct: STORED },
      ],
      toRaw,
      toZhiban,
    );
    const repeats = await alternating(
      Array.from({ length: REPEATS / DISTINCT }, () => ({ first: 0, total: DISTINCT, distinct: DISTINCT })),
      toRaw,
      toZhiban,
    );

    await inBatches(DISTINCT, STORED - DISTINCT, FILL_BATCH, STORED, webhookSender(server));
    const stored = await db.collection('alerts').countDocuments();
    if (stored !== STORED) throw new Error(`expected ${STORED} stored alerts, found ${stored}`);
    const after = await memoryOf(server.pid);
    return {
      rows: [
        { workload: `${DISTINCT.toLocaleString('en')} distinct (inserts)`, ...distinct },
        { workload: `${REPEATS.toLocaleString('en')} repeats (updates)`, ...repeats },
      ],
      memory: { startedMiB: started.rssMiB, storedMiB: after.rssMiB, peakMiB: after.peakMiB, stored },
      bytesPerAlert: Math.round(JSON.stringify(range(0, BATCH).map((i) => alertNumber(i))).length / BATCH),
    };
  } finally {
    await server.stop();
    await client.close();
  }
}

export function alertIntakeSection(result: AlertIntakeResult): string {
  const rows = result.rows.map(
    (r) => `| ${r.workload} | ${r.raw} | ${r.zhiban} | **${Math.round((100 * r.zhiban) / r.raw)} %** |`,
  );
  const m = result.memory;
  return `## Alert intake (\`POST /webhooks/alerts\`)

Generic alerts of about ${result.bytesPerAlert} bytes of JSON each, in batches of ${BATCH}, ${IN_FLIGHT} batches in flight,
to a Zhiban server in its own process; each answer is a 202 given after the batch is stored and
the alert grouping (the intake's listener: group upserts, silences, flush times) has taken it in. Raw
is the driver's \`bulkWrite\` (unordered) of the very same upserts (\`src/domains/alerts/rules/upsert.ts\`,
alerts normalized beforehand) from the bench process into another collection of the same
database, same batches, same concurrency. Both warm up on ${WARM_UP.toLocaleString('en')} alerts first, then take turns
(raw, then Zhiban, in turns of 5,000 distinct or 10,000 repeats) so that the machine's other work falls on both
alike. Alerts per second:

| workload | raw \`bulkWrite\` | Zhiban | Zhiban / raw |
|---|---|---|---|
${rows.join('\n')}

Goal: ≥ 60 % of raw.

Resident memory (VmRSS) of the Zhiban server process (the database engine is another process):
${m.startedMiB} MiB after start and warm-up; **${m.storedMiB} MiB with ${m.stored.toLocaleString('en')} alerts stored** (the last
${(STORED - DISTINCT).toLocaleString('en')} sent through the webhook in batches of ${FILL_BATCH.toLocaleString('en')}); peak ${m.peakMiB} MiB.
`;
}
