// The embedded database engine: what it serves, that it keeps data, that it leaves nothing behind,
// and that it explains itself when it cannot start.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { connectDatabase } from '../../../src/db/connect.js';
import { EngineUnavailableError, startEmbeddedEngine, type EngineHandle } from '../../../src/db/embedded-engine.js';
import { engineSourceDir, resolveEngineClasspath } from '../../../src/db/engine-classpath.js';
import { testDatabaseUri } from '../../support/db.js';

const quiet = { info() {}, warn() {}, error() {} };
const noLog = () => {};
const scratch: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'zhiban-engine-test-'));
  scratch.push(dir);
  return dir;
}

/** A folder holding one executable script: a stand-in for java, mvn or mongod on PATH. */
async function binWith(name: string, script: string): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, name), script, { mode: 0o755 });
  return dir;
}

/** Command lines of running processes that mention `text`. */
async function processesMentioning(text: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)('ps', ['-eo', 'pid=,args=']);
  return stdout.split('\n').filter((line) => line.includes(text) && !line.includes('ps -eo'));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const Ticket = new mongoose.Schema({ title: String, state: String });

/**
 * The model with its collection created. Awaiting init() matters on the H2 backend: there, a first
 * insert racing mongoose's own createCollection can fail with "already existed in system.namespaces".
 */
async function tickets(conn: mongoose.Connection) {
  const model = conn.model('Ticket', Ticket);
  await model.init();
  return model;
}

after(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('embedded engine: mongo-java-server', function () {
  this.timeout(60_000);

  describe('in memory', () => {
    let engine: EngineHandle;
    let conn: mongoose.Connection;

    before(async () => {
      engine = await startEmbeddedEngine({ dataDir: await tempDir(), storage: 'memory', log: noLog, mongodPath: null });
      conn = await connectDatabase(engine.uri, quiet);
    });

    after(async () => {
      await conn?.close();
      await engine?.stop();
    });

    it('says which engine it started and serves mongoose inserts and reads', async () => {
      assert.equal(engine.engine, 'mongo-java-server');
      assert.equal(engine.storage, 'memory');
      assert.match(engine.uri, /^mongodb:\/\/127\.0\.0\.1:\d+\/zhiban$/);
      const Tickets = await tickets(conn);
      const created = await Tickets.create({ title: 'disk full on gov-portal-3', state: 'open' });
      const read = await Tickets.findById(created._id).lean();
      assert.equal(read?.title, 'disk full on gov-portal-3');
    });

    it('is asked for journaled majority writes by default, and takes them', async () => {
      assert.deepEqual(
        { w: conn.db!.writeConcern?.w, journal: conn.db!.writeConcern?.journal },
        { w: 'majority', journal: true },
      );
      const written = await conn.db!.collection('scratch').insertOne({ kept: true });
      assert.equal(written.acknowledged, true);
    });

    it('lets exactly one of 20 concurrent conditional updates win', async () => {
      const Tickets = await tickets(conn);
      const { _id } = await Tickets.create({ title: 'approve restore', state: 'a' });
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          Tickets.findOneAndUpdate({ _id, state: 'a' }, { $set: { state: 'b' } }, { returnDocument: 'after' }).lean(),
        ),
      );
      assert.equal(results.filter((r) => r !== null).length, 1);
      assert.equal((await Tickets.findById(_id).lean())?.state, 'b');
    });
  });

  it('keeps file-storage data across a stop and a start on the same data directory', async () => {
    const dataDir = await tempDir();
    const start = () => startEmbeddedEngine({ dataDir, storage: 'file', log: noLog, mongodPath: null });

    const first = await start();
    assert.equal(first.storage, join(dataDir, 'zhiban.mv.db'));
    const writer = await connectDatabase(first.uri, quiet);
    await (await tickets(writer)).create({ title: 'kept across restarts', state: 'open' });
    await writer.close();
    await first.stop();

    const second = await start();
    try {
      const reader = await connectDatabase(second.uri, quiet);
      const found = await (await tickets(reader)).findOne({ title: 'kept across restarts' }).lean();
      await reader.close();
      assert.equal(found?.state, 'open');
    } finally {
      await second.stop();
    }
  });

  it('keeps every acknowledged write of a file store through a SIGKILL of the engine', async () => {
    const dataDir = await tempDir();
    const start = () => startEmbeddedEngine({ dataDir, storage: 'file', log: noLog, mongodPath: null });
    const first = await start();
    const writer = await connectDatabase(first.uri, quiet);
    const acknowledged: number[] = [];
    // Four writers, as concurrent requests would be; the kill comes while they write.
    await Promise.all(
      Array.from({ length: 4 }, async (_, w) => {
        for (let i = w; ; i += 4) {
          if (i === 200) process.kill(first.pid, 'SIGKILL');
          try {
            await writer.db!.collection('acked').insertOne({ n: i });
          } catch {
            return;
          }
          acknowledged.push(i);
        }
      }),
    );
    await writer.destroy(true);
    await first.stop();
    assert.ok(acknowledged.length >= 150, `${acknowledged.length} acknowledged before the kill`);

    const second = await start();
    try {
      const reader = await connectDatabase(second.uri, quiet);
      const stored = new Set((await reader.db!.collection('acked').find().toArray()).map((d) => d.n as number));
      await reader.close();
      assert.deepEqual(
        acknowledged.filter((n) => !stored.has(n)),
        [],
        'no acknowledged write lost',
      );
    } finally {
      await second.stop();
    }
  });

  it('stop() leaves no engine process behind', async () => {
    // A data directory of its own makes this engine's command line unique among running processes.
    const dataDir = await tempDir();
    const engine = await startEmbeddedEngine({ dataDir, storage: 'file', log: noLog, mongodPath: null });
    assert.equal((await processesMentioning(dataDir)).filter((p) => p.includes('ZhibanEngine')).length, 1);
    await engine.stop();
    assert.deepEqual(await processesMentioning(dataDir), []);
  });
});

describe('embedded engine: choosing and failing', function () {
  this.timeout(30_000);

  before(async function () {
    // The fake-java tests below need the classpath cached; on a fresh checkout this runs Maven.
    this.timeout(200_000);
    await resolveEngineClasspath({ log: noLog });
  });

  it('prefers a mongod on PATH, on a throw-away dbpath that stop() removes', async () => {
    const argsFile = join(await tempDir(), 'args.json');
    const fakeMongod = [
      `#!${process.execPath}`,
      `require('fs').writeFileSync(${JSON.stringify(argsFile)}, JSON.stringify({ pid: process.pid, args: process.argv.slice(2) }));`,
      `console.log('{"c":"NETWORK","msg":"Waiting for connections","attr":{"port":0}}');`,
      `setInterval(() => {}, 1000);`,
    ].join('\n');
    const bin = await binWith('mongod', fakeMongod);
    const engine = await startEmbeddedEngine({
      dataDir: await tempDir(),
      storage: 'memory',
      log: noLog,
      env: { PATH: bin },
    });

    const { pid, args } = JSON.parse(await readFile(argsFile, 'utf8')) as { pid: number; args: string[] };
    const option = (name: string) => args[args.indexOf(name) + 1];
    assert.equal(engine.engine, 'mongod');
    assert.equal(engine.storage, 'memory');
    assert.equal(engine.uri, `mongodb://127.0.0.1:${option('--port')}/zhiban`);
    assert.equal(option('--bind_ip'), '127.0.0.1');
    const dbPath = option('--dbpath')!;
    assert.ok(existsSync(dbPath), 'the dbpath exists while mongod runs');

    await engine.stop();
    assert.equal(isAlive(pid), false, 'mongod has exited');
    assert.equal(existsSync(dbPath), false, 'the throw-away dbpath is gone');
  });

  it('names what to install when java is not on PATH', async () => {
    const emptyPath = await tempDir();
    await assert.rejects(
      startEmbeddedEngine({ dataDir: await tempDir(), storage: 'memory', log: noLog, env: { PATH: emptyPath } }),
      (err: Error) => {
        assert.ok(err instanceof EngineUnavailableError);
        assert.match(err.message, /apt-get install -y openjdk-17-jre-headless maven/);
        assert.match(err.message, /MONGODB_URI/);
        return true;
      },
    );
  });

  it('quotes the engine’s last words when it dies before listening', async () => {
    const bin = await binWith('java', '#!/bin/sh\necho "Error: could not find or load main class" >&2\nexit 1\n');
    await assert.rejects(
      startEmbeddedEngine({
        dataDir: await tempDir(),
        storage: 'memory',
        log: noLog,
        mongodPath: null,
        env: { PATH: bin },
      }),
      /exited before it was ready \(code 1\); its last output:\nError: could not find or load main class/,
    );
  });

  it('gives up on an engine that never says it is listening, and kills it', async () => {
    const pidFile = join(await tempDir(), 'pid');
    const bin = await binWith('java', `#!/bin/sh\necho $$ > ${pidFile}\nexec sleep 600\n`);
    const started = performance.now();
    await assert.rejects(
      startEmbeddedEngine({
        dataDir: await tempDir(),
        storage: 'memory',
        log: noLog,
        mongodPath: null,
        env: { PATH: `${bin}:/usr/bin:/bin` },
        startTimeoutMs: 500,
      }),
      /was not ready within 0.5 s/,
    );
    assert.ok(performance.now() - started < 5000);
    assert.equal(isAlive(Number(await readFile(pidFile, 'utf8'))), false);
  });
});

describe('engine classpath', function () {
  this.timeout(200_000);

  it('is remembered, so a second resolve runs no Maven and takes under 200 ms', async () => {
    const cacheDir = await tempDir();
    const first = await resolveEngineClasspath({ log: noLog, cacheDir });
    assert.match(first, /mongo-java-server-core-[\d.]+\.jar/);

    const marker = join(await tempDir(), 'mvn-ran');
    const bin = await binWith('mvn', `#!/bin/sh\ntouch ${marker}\nexit 1\n`);
    const started = performance.now();
    const second = await resolveEngineClasspath({ log: noLog, cacheDir, env: { PATH: bin } });
    const elapsed = performance.now() - started;

    assert.equal(second, first);
    assert.ok(elapsed < 200, `took ${elapsed.toFixed(0)} ms`);
    assert.equal(existsSync(marker), false, 'mvn was not run');
  });

  it('asks Maven again when a cached jar has gone, and quotes Maven when it fails', async () => {
    const cacheDir = await tempDir();
    const key = createHash('sha256')
      .update(await readFile(join(engineSourceDir(), 'pom.xml')))
      .digest('hex');
    await writeFile(join(cacheDir, 'classpath.txt'), `sha256=${key}\n/nowhere/gone.jar\n`);
    const bin = await binWith(
      'mvn',
      '#!/bin/sh\necho "[ERROR] Could not transfer artifact: network is unreachable"\nexit 1\n',
    );
    await assert.rejects(resolveEngineClasspath({ log: noLog, cacheDir, env: { PATH: bin } }), (err: Error) => {
      assert.ok(err instanceof EngineUnavailableError);
      assert.match(err.message, /\[ERROR\] Could not transfer artifact: network is unreachable/);
      return true;
    });
  });

  it('names what to install when Maven is missing and nothing is cached', async () => {
    await assert.rejects(
      resolveEngineClasspath({ log: noLog, cacheDir: await tempDir(), env: { PATH: await tempDir() } }),
      (err: Error) => {
        assert.ok(err instanceof EngineUnavailableError);
        assert.match(err.message, /apt-get install -y maven/);
        assert.match(err.message, /MONGODB_URI/);
        return true;
      },
    );
  });
});

describe('testDatabaseUri', () => {
  it('gives each call a database of its own on the test engine', async () => {
    const [uriA, uriB] = [testDatabaseUri('engine test: A'), testDatabaseUri('engine test: A')];
    assert.notEqual(uriA, uriB);
    assert.match(uriA, new RegExp(`/zhiban_t_engine_test_a_\\d+_${process.pid}$`));
    const [a, b] = await Promise.all([connectDatabase(uriA, quiet), connectDatabase(uriB, quiet)]);
    try {
      await (await tickets(a)).create({ title: 'only in A', state: 'open' });
      assert.equal(await (await tickets(b)).countDocuments(), 0);
      assert.equal(await (await tickets(a)).countDocuments(), 1);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
