// `npx tsx bench/peer-intake.ts`: alert intake beside the peer a user would otherwise run (issue 18).
// The same 10,000 distinct alerts, in batches of 100 with 4 in flight, go to Prometheus Alertmanager's
// `POST /api/v2/alerts` and to Zhiban's `POST /webhooks/alerts`, on the embedded engine in both of
// its storages: the file one `npm start` runs, and the in-memory one the tests run. One run, each
// in its own process, taking turns in slices of 2,500 so the machine's other work falls on all
// alike. Prints alerts per second and each Zhiban's ratio to Alertmanager.
//
// Alertmanager is built from its Go module by bench/alertmanager/build.sh (cached; the first build
// takes minutes), or taken from ALERTMANAGER_BIN. Not part of `npm run bench` or CI.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { startEmbeddedEngine, type EngineHandle } from '../src/db/embedded-engine.js';
import { alertNumber, BATCH, IN_FLIGHT, inBatches, TOKEN, webhookSender } from './alert-intake.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

const DISTINCT = 10_000;
const SLICE = 2_500;
const WARM_UP = 2_000;
/** Warm-up ids, apart from the measured ones. */
const WARM_UP_FIRST = 1_000_000;

type Sender = (ids: number[]) => Promise<void>;

/** The bench's alert `i` as Alertmanager takes it: the generic alert's name, labels and summary. */
function postableAlert(i: number, source?: string) {
  const alert = alertNumber(i, source);
  return {
    labels: { alertname: alert.name, severity: alert.severity, source: alert.source, ...alert.labels },
    annotations: { summary: alert.summary },
  };
}

function alertmanagerSender(url: string, source?: string): Sender {
  return async (ids) => {
    const res = await fetch(`${url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ids.map((i) => postableAlert(i, source))),
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`/api/v2/alerts: HTTP ${res.status} ${body.slice(0, 300)}`);
  };
}

function alertmanagerBinary(): string {
  if (process.env.ALERTMANAGER_BIN) return process.env.ALERTMANAGER_BIN;
  const script = fileURLToPath(new URL('./alertmanager/build.sh', import.meta.url));
  const built = spawnSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (built.status !== 0) throw new Error(`bench/alertmanager/build.sh failed (exit ${built.status})`);
  return built.stdout.trim().split('\n').at(-1)!;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Alertmanager {
  url: string;
  stop(): Promise<void>;
}

/** Alertmanager alone (no cluster), its one route to a receiver that sends nothing. */
async function startAlertmanager(binary: string, dir: string): Promise<Alertmanager> {
  await mkdir(dir, { recursive: true });
  const config = join(dir, 'alertmanager.yml');
  await writeFile(config, "route:\n  receiver: 'nowhere'\nreceivers:\n  - name: 'nowhere'\n");
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${config}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`alertmanager exited with ${code}`))),
  );
  const deadline = performance.now() + 30_000;
  for (;;) {
    const ready = await Promise.race([
      fetch(`${url}/-/ready`).then(
        (res) => res.ok,
        () => false,
      ),
      exited,
    ]);
    if (ready) break;
    if (performance.now() > deadline) throw new Error('alertmanager was not ready within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((done) => {
        child.removeAllListeners('exit');
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

interface ZhibanSide {
  name: string;
  engine: EngineHandle;
  server: ServerProcess;
  client: MongoClient;
}

async function startZhibanOn(storage: 'file' | 'memory', dir: string): Promise<ZhibanSide> {
  // What `npm start` does without MONGODB_URI: the embedded engine (mongod when on PATH), in DATA_DIR.
  const engine = await startEmbeddedEngine({ dataDir: join(dir, storage), storage, log: () => undefined });
  const server = await startServerProcess('zhiban', {
    PORT: '0',
    MONGODB_URI: engine.uri,
    WEBHOOK_TOKEN: TOKEN,
    LOG_LEVEL: 'silent',
  });
  const client = await MongoClient.connect(engine.uri);
  return { name: `Zhiban, ${engine.engine} (${storage})`, engine, server, client };
}

async function main(): Promise<void> {
  const binary = alertmanagerBinary();
  const dir = await mkdtemp(join(tmpdir(), 'zhiban-peer-intake-'));
  const stops: Array<() => Promise<unknown>> = [() => rm(dir, { recursive: true, force: true })];
  try {
    const am = await startAlertmanager(binary, join(dir, 'am'));
    stops.unshift(() => am.stop());
    const file = await startZhibanOn('file', dir);
    stops.unshift(
      () => file.server.stop(),
      () => file.client.close(),
      () => file.engine.stop(),
    );
    const memory = await startZhibanOn('memory', dir);
    stops.unshift(
      () => memory.server.stop(),
      () => memory.client.close(),
      () => memory.engine.stop(),
    );

    const sides: Array<{ name: string; send: Sender; warmUp: Sender; seconds: number }> = [
      { name: 'Alertmanager 0.35.0', send: alertmanagerSender(am.url), warmUp: alertmanagerSender(am.url, 'warm-up') },
      ...[file, memory].map((z) => ({
        name: z.name,
        send: webhookSender(z.server),
        warmUp: webhookSender(z.server, 'warm-up'),
      })),
    ].map((side) => ({ ...side, seconds: 0 }));

    for (const side of sides) await inBatches(WARM_UP_FIRST, WARM_UP, BATCH, WARM_UP, side.warmUp);
    for (let first = 0; first < DISTINCT; first += SLICE) {
      for (const side of sides) side.seconds += await inBatches(first, SLICE, BATCH, DISTINCT, side.send);
    }

    for (const z of [file, memory]) {
      const stored = await z.client.db().collection('alerts').countDocuments({ source: 'bench' });
      if (stored !== DISTINCT) throw new Error(`${z.name}: expected ${DISTINCT} stored alerts, found ${stored}`);
    }
    const alertmanagerRate = DISTINCT / sides[0]!.seconds;
    const lines = sides.map((side) => {
      const rate = DISTINCT / side.seconds;
      const ratio = side === sides[0] ? '' : `${(rate / alertmanagerRate).toFixed(3)}×`;
      return `| ${side.name} | ${Math.round(rate).toLocaleString('en')} | ${ratio} |`;
    });
    process.stdout.write(
      `Alert intake beside Alertmanager: ${DISTINCT.toLocaleString('en')} distinct alerts, batches of ${BATCH}, ` +
        `${IN_FLIGHT} in flight, in turns of ${SLICE.toLocaleString('en')} after ${WARM_UP.toLocaleString('en')} ` +
        `to warm up; ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}.\n\n` +
        `| receiver | alerts/s | ratio to Alertmanager |\n|---|---|---|\n${lines.join('\n')}\n`,
    );
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `peer-intake failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
