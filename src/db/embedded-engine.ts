// The database Zhiban starts for itself when MONGODB_URI is unset: a real mongod if installed,
// otherwise mongo-java-server, a MongoDB-compatible engine run on Java.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { engineSourceDir, resolveEngineClasspath } from './engine-classpath.js';
import { findExecutable, superviseEngine } from './engine-process.js';
import { ENGINE_INSTALL_HINT, EngineUnavailableError } from './engine-unavailable-error.js';
import { startMongod } from './mongod.js';

export { EngineUnavailableError } from './engine-unavailable-error.js';

export interface EngineHandle {
  /** Includes the database name `zhiban`. */
  uri: string;
  engine: 'mongod' | 'mongo-java-server';
  /** 'memory', or the file or folder the data lives in. */
  storage: string;
  /** The engine's process id: chaos tests and `npm run chaos` stop and resume it (SIGSTOP, SIGCONT). */
  pid: number;
  /** Stops the engine; resolves once its process has exited. */
  stop(): Promise<void>;
}

export interface EmbeddedEngineOptions {
  dataDir: string;
  /** 'memory' for tests; 'file' keeps data under `dataDir` across restarts. */
  storage: 'memory' | 'file';
  log: (msg: string) => void;
  /** A mongod binary; `undefined` looks for one on PATH, `null` never uses one. */
  mongodPath?: string | null;
  /** Where java, mvn and mongod are looked up, and the engine's environment. */
  env?: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
  /**
   * File storage of the Java engine only: `false` leaves commits to H2's timer (about a second), so
   * a killed process can lose writes already acknowledged. Only the benchmark sets it, to measure
   * what committing each write costs; the default commits before every answer.
   */
  commitEachWrite?: boolean;
  /**
   * The Java engine's port; 0 (the default) lets it pick a free one. Only `npm run chaos` and the
   * outage test set it, to start the engine again where Zhiban was told it lives.
   */
  port?: number;
}

const LISTENING = /^ZHIBAN-ENGINE-LISTENING (\d+)$/;

export async function startEmbeddedEngine(opts: EmbeddedEngineOptions): Promise<EngineHandle> {
  const env = opts.env ?? process.env;
  const mongodPath = opts.mongodPath === undefined ? findExecutable('mongod', env) : opts.mongodPath;
  if (mongodPath) {
    opts.log(`starting mongod (${mongodPath}), ${opts.storage === 'memory' ? 'throw-away' : 'file'} storage`);
    return startMongod({ ...opts, mongodPath, env });
  }
  return startJavaEngine(opts, env);
}

async function startJavaEngine(opts: EmbeddedEngineOptions, env: NodeJS.ProcessEnv): Promise<EngineHandle> {
  const java = findExecutable('java', env);
  if (!java) {
    throw new EngineUnavailableError(
      'MONGODB_URI is unset and no database engine can be started here: there is no mongod, and no ' +
        '`java` on PATH for the embedded engine (mongo-java-server). Install Java 17 and Maven ' +
        `(Debian/Ubuntu: ${ENGINE_INSTALL_HINT}), or set MONGODB_URI to an existing MongoDB.`,
    );
  }
  const classpath = await resolveEngineClasspath({ log: opts.log, env });

  let storage = 'memory';
  if (opts.storage === 'file') {
    const dataDir = resolve(opts.dataDir);
    await mkdir(dataDir, { recursive: true });
    storage = join(dataDir, 'zhiban.mv.db');
  }
  opts.log(`starting the embedded engine (mongo-java-server), storage: ${storage}`);

  // Port 0 (unless given): the engine binds a free port itself and tells us which, so two starts never race.
  const launcher = join(engineSourceDir(), 'ZhibanEngine.java');
  const store = storage === 'memory' ? 'memory' : `h2:${storage}`;
  // stdin stays an open pipe for the engine's whole life: the engine exits when it closes,
  // which is what takes it down if this process is killed outright.
  const mode = opts.commitEachWrite === false ? ['commit-on-timer'] : [];
  const child = spawn(java, ['-cp', classpath, launcher, String(opts.port ?? 0), store, ...mode], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const engine = await superviseEngine(child, {
    what: 'the embedded engine (mongo-java-server)',
    timeoutMs: opts.startTimeoutMs ?? 30_000,
    log: opts.log,
    ready: (line) => {
      const match = LISTENING.exec(line.trim());
      return match ? Number(match[1]) : undefined;
    },
  });
  return {
    uri: `mongodb://127.0.0.1:${engine.readiness}/zhiban`,
    engine: 'mongo-java-server',
    storage,
    pid: child.pid!,
    stop: engine.stop,
  };
}
