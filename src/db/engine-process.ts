// The child process that serves the embedded database: found on PATH, watched until ready, never left behind.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Like `command -v`: lets us say what is missing before trying to spawn it. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return null;
}

/** Keeps only the last lines of a stream, so an error can quote why a process failed. */
export class OutputTail {
  private lines: string[] = [];
  constructor(private readonly max = 20) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }

  toString(): string {
    return this.lines.join('\n');
  }
}

export interface ServingEngine<T> {
  /** What `ready` returned for the line that announced the engine, e.g. its port. */
  readiness: T;
  /** Closes stdin and sends SIGTERM, SIGKILL after the grace time; resolves once the process is gone. */
  stop(): Promise<void>;
}

/**
 * Waits until a stdout line makes `ready` return a value, then watches the engine for the rest of
 * its life. Rejects, quoting the engine's last output, if it fails to spawn, exits first, or is
 * not ready within `timeoutMs`: a start never hangs. Output keeps being drained afterwards, so a
 * full pipe never blocks the engine.
 */
export function superviseEngine<T>(
  child: ChildProcess,
  opts: {
    what: string;
    timeoutMs: number;
    log: (msg: string) => void;
    ready: (line: string) => T | undefined;
    graceMs?: number;
  },
): Promise<ServingEngine<T>> {
  const tail = new OutputTail();
  // A normal exit of Node must take the engine along; a crash is covered by the engine watching its
  // stdin (mongo-java-server) or not at all (mongod, which then keeps serving its files).
  // SIGTERM, not SIGKILL: we cannot wait here, but the engine can still close its files cleanly.
  const takeAlong = () => child.kill('SIGTERM');
  process.on('exit', takeAlong);
  let serving = false;
  let stopping = false;
  // 'exit', not 'close': a grandchild holding our pipes open must not keep stop() waiting.
  const exited = new Promise<void>((resolve) => {
    const gone = () => {
      process.off('exit', takeAlong);
      resolve();
    };
    child.once('exit', gone);
    child.once('error', gone);
  });
  child.once('close', (code, signal) => {
    if (serving && !stopping) opts.log(`${opts.what} exited unexpectedly (${signal ?? `code ${code}`}):\n${tail}`);
  });
  child.stdin?.on('error', () => {}); // EPIPE once the engine is gone is not news

  const stop = async () => {
    stopping = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.graceMs ?? 3000);
    child.stdin?.end();
    child.kill('SIGTERM');
    await exited;
    clearTimeout(timer);
  };

  return new Promise<ServingEngine<T>>((resolve, reject) => {
    const fail = (reason: string) => {
      if (serving || stopping) return;
      stopping = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      const quoted = tail.toString();
      const err = new Error(`${opts.what} ${reason}${quoted ? `; its last output:\n${quoted}` : ''}`);
      void exited.then(() => reject(err));
    };
    const timer = setTimeout(() => fail(`was not ready within ${opts.timeoutMs / 1000} s`), opts.timeoutMs);
    // 'close' rather than 'exit': it comes after the last stderr line, which is usually the reason.
    // (Should a grandchild keep the pipes open, there is no 'close', and the timeout ends the wait.)
    child.once('close', (code, signal) => fail(`exited before it was ready (${signal ?? `code ${code}`})`));
    child.once('error', (err) => fail(`could not be started: ${err.message}`));
    if (child.stderr) createInterface({ input: child.stderr }).on('line', (line) => tail.push(line));
    if (child.stdout) {
      createInterface({ input: child.stdout }).on('line', (line) => {
        tail.push(line);
        if (serving || stopping) return;
        const readiness = opts.ready(line);
        if (readiness === undefined) return;
        serving = true;
        clearTimeout(timer);
        resolve({ readiness, stop });
      });
    }
  });
}
