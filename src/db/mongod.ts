// A real mongod, preferred over the Java engine when one is installed: it is what production runs.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EngineHandle } from './embedded-engine.js';
import { superviseEngine } from './engine-process.js';

export interface MongodOptions {
  mongodPath: string;
  dataDir: string;
  /** 'memory' runs on a throw-away dbpath (mongod's in-memory engine is Enterprise only). */
  storage: 'memory' | 'file';
  log: (msg: string) => void;
  env?: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
}

export async function startMongod(opts: MongodOptions): Promise<EngineHandle> {
  const throwAway = opts.storage === 'memory';
  const dbPath = throwAway ? await mkdtemp(join(tmpdir(), 'zhiban-mongod-')) : resolve(opts.dataDir, 'mongod');
  await mkdir(dbPath, { recursive: true });
  const removeDbPath = async () => {
    if (throwAway) await rm(dbPath, { recursive: true, force: true });
  };

  try {
    const port = await freePort();
    const args = ['--dbpath', dbPath, '--port', String(port), '--bind_ip', '127.0.0.1'];
    const child = spawn(opts.mongodPath, args, { env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const engine = await superviseEngine(child, {
      what: `mongod (${opts.mongodPath})`,
      timeoutMs: opts.startTimeoutMs ?? 30_000,
      log: opts.log,
      // The log line differs between versions ("waiting for connections on port" before 4.4, JSON after).
      ready: (line) => (/waiting for connections/i.test(line) ? true : undefined),
    });
    return {
      uri: `mongodb://127.0.0.1:${port}/zhiban`,
      engine: 'mongod',
      storage: throwAway ? 'memory' : dbPath,
      pid: child.pid!,
      async stop() {
        await engine.stop();
        await removeDbPath();
      },
    };
  } catch (err) {
    await removeDbPath();
    throw err;
  }
}

/** A port free right now; mongod, unlike our Java launcher, cannot be told to pick one itself. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
