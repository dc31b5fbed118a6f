// Starts test/support/killable-zhiban.ts on a harness's configuration and kills it with SIGKILL:
// a process that dies with a request or a job half done, its database (the test engine) living on.
import { spawn, type ChildProcess } from 'node:child_process';
import { waitUntil } from './wait-until.js';

export class KillableZhiban {
  private out = '';
  private err = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  /**
   * Starts it on `env` (e.g. `Harness.env`), its clock at `now` when given (else the real time);
   * resolves once it takes requests.
   */
  static async start(env: Record<string, string>, now?: Date, timeoutMs = 30_000): Promise<KillableZhiban> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/killable-zhiban.ts'], {
      env: {
        ...process.env,
        ZHIBAN_TEST_ENV: JSON.stringify(env),
        ...(now ? { ZHIBAN_TEST_NOW: now.toISOString() } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const seen = { out: '', err: '' };
    child.stdout!.on('data', (d: Buffer) => (seen.out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (seen.err += d.toString()));
    try {
      const url = await waitUntil(
        async () => {
          if (child.exitCode !== null) throw new Error(`it exited with ${child.exitCode}: ${seen.err}`);
          return /listening (http:\/\/\S+)/.exec(seen.out)?.[1];
        },
        'the killable Zhiban to take requests',
        { timeoutMs, everyMs: 50 },
      );
      const zhiban = new KillableZhiban(child, url);
      zhiban.out = seen.out;
      zhiban.err = seen.err;
      child.stdout!.on('data', (d: Buffer) => (zhiban.out += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (zhiban.err += d.toString()));
      return zhiban;
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
  }

  /** What it wrote to stderr, for a failing test's message. */
  get stderr(): string {
    return this.err;
  }

  /** SIGKILL: no handler runs, nothing is flushed; resolves once it has exited. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    await exited;
  }
}
