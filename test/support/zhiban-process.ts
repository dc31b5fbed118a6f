// Zhiban as its own process, as `npm start` or a service manager runs it: its output read as it
// comes, its exit awaited, and the processes it left behind found by their command lines.
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { projectRoot } from '../../src/kernel/paths.js';

export type Running = ChildProcess & { out: () => string; err: () => string };

/** PATH and HOME only, plus `extra`: nothing from the test's own environment leaks in. */
export function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...extra };
}

/** Starts `command args` in the project's root with stdout and stderr read separately. */
export function runCommand(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: SpawnOptions = {},
): Running {
  const child = spawn(command, args, { cwd: projectRoot(), env, stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return Object.assign(child, { out: () => out, err: () => err });
}

/** `node --import tsx src/main.ts`: Zhiban from its sources. */
export function runMain(env: NodeJS.ProcessEnv): Running {
  return runCommand(process.execPath, ['--import', 'tsx', 'src/main.ts'], env);
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

export function waitForOutput(child: Running, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(child.out());
      if (match) {
        cleanup();
        resolve(match);
      }
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no ${pattern} within ${timeoutMs} ms; stdout: ${child.out()} stderr: ${child.err()}`));
    }, timeoutMs);
    const onExit = () => {
      cleanup();
      reject(new Error(`exited early; stdout: ${child.out()} stderr: ${child.err()}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout!.off('data', check);
      child.off('exit', onExit);
    };
    child.stdout!.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

/** The pids of running processes whose command line matches `pattern` (pgrep -f). */
export function processesMatching(pattern: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** The embedded engines keeping their files in `dataDir`. */
export function enginesUsing(dataDir: string): string[] {
  return processesMatching(`ZhibanEngine.*${dataDir}`);
}
