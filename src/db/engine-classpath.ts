// The jars of the embedded engine, asked of Maven once and then remembered, so later starts skip Maven.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { projectRoot } from '../kernel/paths.js';
import { EngineUnavailableError } from './engine-unavailable-error.js';
import { OutputTail, findExecutable } from './engine-process.js';

export interface ClasspathOptions {
  log: (msg: string) => void;
  /** Where `mvn` is looked up and the environment it runs in (tests pass a PATH without it). */
  env?: NodeJS.ProcessEnv;
  /** Defaults to `<project root>/node_modules/.cache/zhiban-engine`. */
  cacheDir?: string;
  mavenTimeoutMs?: number;
}

export function engineSourceDir(): string {
  return join(projectRoot(), 'src', 'db', 'engine');
}

/** Returns a Java classpath holding mongo-java-server and its dependencies. */
export async function resolveEngineClasspath(opts: ClasspathOptions): Promise<string> {
  const env = opts.env ?? process.env;
  const pom = join(engineSourceDir(), 'pom.xml');
  const key = createHash('sha256')
    .update(await readFile(pom))
    .digest('hex');
  const cacheDir = opts.cacheDir ?? join(projectRoot(), 'node_modules', '.cache', 'zhiban-engine');
  const cacheFile = join(cacheDir, 'classpath.txt');

  const cached = await readCache(cacheFile, key);
  if (cached) return cached;

  const mvn = findExecutable('mvn', env);
  if (!mvn) {
    throw new EngineUnavailableError(
      'The embedded database engine needs Maven once, to fetch its jars from Maven Central, and `mvn` ' +
        'is not on PATH. Install it (Debian/Ubuntu: apt-get install -y maven), ' +
        'or set MONGODB_URI to an existing MongoDB.',
    );
  }

  await mkdir(cacheDir, { recursive: true });
  const outFile = join(cacheDir, `classpath.${process.pid}.out`);
  const timeoutMs = opts.mavenTimeoutMs ?? 180_000;
  const goal = ['-B', '-q', '-f', pom, 'dependency:build-classpath', `-Dmdep.outputFile=${outFile}`];
  try {
    // Offline first: when ~/.m2 already has the jars this is quicker and touches no network.
    let run = await runMaven(mvn, ['-o', ...goal], env, timeoutMs);
    if (!run.ok) {
      opts.log('fetching the embedded engine (mongo-java-server) from Maven Central; this happens once');
      run = await runMaven(mvn, goal, env, timeoutMs);
    }
    if (!run.ok) {
      throw new EngineUnavailableError(
        `Maven could not resolve the embedded engine's jars (${run.reason}). ` +
          `Check network access to Maven Central, or set MONGODB_URI. Maven said:\n${run.output}`,
      );
    }
    const classpath = (await readFile(outFile, 'utf8')).trim();
    await writeCache(cacheFile, key, classpath);
    return classpath;
  } finally {
    await rm(outFile, { force: true });
  }
}

// Format: "sha256=<hash of pom.xml>" on the first line, the classpath on the second.
async function readCache(file: string, key: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  const [header, classpath] = text.split('\n');
  if (header !== `sha256=${key}` || !classpath) return null;
  // A cleaned ~/.m2 must not leave us with a classpath of missing jars.
  return classpath.split(delimiter).every((jar) => existsSync(jar)) ? classpath : null;
}

async function writeCache(file: string, key: string, classpath: string): Promise<void> {
  // Write-then-rename, so a concurrent start never reads half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `sha256=${key}\n${classpath}\n`);
  await rename(tmp, file);
}

type MavenRun = { ok: true } | { ok: false; reason: string; output: string };

function runMaven(mvn: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<MavenRun> {
  return new Promise((resolve) => {
    const tail = new OutputTail(15);
    let partial = '';
    const collect = (chunk: Buffer) => {
      // -q still colours its output; strip the escapes so the tail reads as text.
      // eslint-disable-next-line no-control-regex
      const lines = (partial + chunk.toString()).replace(/\x1b\[[0-9;]*m/g, '').split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) tail.push(line);
    };
    const child = spawn(mvn, args, {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (err) => resolve({ ok: false, reason: err.message, output: tail.toString() }));
    child.on('close', (code, signal) => {
      if (partial.trim()) tail.push(partial);
      if (code === 0) return resolve({ ok: true });
      const reason = signal ? `killed by ${signal}, time limit ${timeoutMs / 1000} s` : `exit code ${code}`;
      resolve({ ok: false, reason, output: tail.toString() });
    });
  });
}
