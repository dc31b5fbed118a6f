// Zhiban as `npm start` runs it, in a child process that leads its own process group (Node and
// the embedded engine it starts), so a test can kill the whole group at once, as an OOM killer
// or a power cut would, and start it again on the same DATA_DIR.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { WEBHOOK_TOKEN } from './harness.js';
import { waitUntil } from './wait-until.js';

const MAIN = ['--import', 'tsx', 'src/main.ts'];

export interface ZhibanProcessOptions {
  dataDir: string;
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

export class ZhibanProcess {
  private out = '';
  private err = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  /** Starts it with file storage under `dataDir`; resolves once it says where it listens. */
  static async start(options: ZhibanProcessOptions): Promise<ZhibanProcess> {
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: options.dataDir,
      PORT: '0',
      WEBHOOK_TOKEN,
      // info: its log then says which database it connected to (see databaseUri).
      LOG_LEVEL: 'info',
      WEB_CONSOLE: 'off',
      ...options.env,
    };
    // detached: the child leads a new process group, which the engine it spawns joins.
    const child = spawn(process.execPath, MAIN, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const started = await waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`Zhiban exited with ${child.exitCode}: ${err}`);
        return /地址：(http:\/\/\S+)/.exec(out)?.[1];
      },
      'Zhiban to say where it listens',
      { timeoutMs: options.startTimeoutMs ?? 30_000, everyMs: 50 },
    ).catch((error: unknown) => {
      killGroup(child);
      throw error;
    });
    const zhiban = new ZhibanProcess(child, started);
    child.stdout!.on('data', (d: Buffer) => (zhiban.out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (zhiban.err += d.toString()));
    zhiban.out = out;
    zhiban.err = err;
    return zhiban;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Whether it has exited (by itself or killed). */
  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** What it wrote to stderr (its log at LOG_LEVEL), for a failing test's message. */
  get stderr(): string {
    return this.err;
  }

  /** The database it connected to, from its log's "database connected" line (the embedded engine's port). */
  get databaseUri(): string {
    const uri = /"db":"(mongodb:\/\/127\.0\.0\.1:\d+\/zhiban)".*"database connected"/.exec(this.err)?.[1];
    if (!uri) throw new Error(`no "database connected" line in its log: ${this.err.slice(-2000)}`);
    return uri;
  }

  /** Waits until /readyz answers 200. */
  async ready(timeoutMs = 20_000): Promise<void> {
    await waitUntil(
      async () => (await fetch(`${this.url}/readyz`).catch(() => ({ status: 0 }))).status === 200,
      `${this.url}/readyz to answer 200`,
      { timeoutMs, everyMs: 100 },
    );
  }

  /** SIGKILL to the whole group: no handler runs, nothing is flushed; resolves once every process of it is gone. */
  async killGroup(): Promise<number> {
    const at = performance.now();
    killGroup(this.child);
    await waitUntil(async () => !groupAlive(this.child.pid!), 'the killed process group to be gone', {
      timeoutMs: 10_000,
      everyMs: 20,
    });
    return performance.now() - at;
  }

  /** SIGTERM, as a service manager stops it; resolves with its exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill('SIGTERM');
    const code = await exited;
    await waitUntil(async () => !groupAlive(this.child.pid!), 'the stopped process group to be gone', {
      timeoutMs: 10_000,
    });
    return code;
  }
}

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * Whether any process of the group led by `pgid` still runs. From /proc rather than signal 0,
 * which also finds a killed process that its new parent has not reaped yet (a zombie).
 */
function groupAlive(pgid: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') return true;
  }
  return false;
}
