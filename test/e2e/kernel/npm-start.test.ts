// `npm start` stopped the way a service manager or a person stops it: a signal to npm's own pid.
// npm passes SIGTERM on to its child, which must be Zhiban itself (package.json execs node, so no
// shell sits between to swallow it); if npm dies without passing anything on, Zhiban notices its
// parent is gone and stops; either way the embedded engine goes with it.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../../src/kernel/paths.js';
import { waitUntil } from '../../support/wait-until.js';
import {
  baseEnv,
  enginesUsing,
  exited,
  runCommand,
  waitForOutput,
  type Running,
} from '../../support/zhiban-process.js';

const ROOT = projectRoot();
const MAIN_JS = join(ROOT, 'dist', 'src', 'main.js');

/** The newest modification time of the TypeScript that `npm run build` compiles into dist/. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** dist/ as `npm run build` makes it (npm ci does; a working copy may be behind its sources). */
function ensureBuilt(): void {
  const built = (() => {
    try {
      return statSync(MAIN_JS).mtimeMs;
    } catch {
      return 0;
    }
  })();
  const sources = Math.max(...['src', 'handlers', 'jobs', 'models'].map((d) => newestSource(join(ROOT, d))));
  if (built > sources) return;
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
}

/** The command line of a running process, or undefined once it is gone. */
function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The pids whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

describe('npm start, stopped through npm', function () {
  this.timeout(90_000);
  let dataDir: string;
  let npm: Running | undefined;

  before(function () {
    this.timeout(120_000);
    ensureBuilt();
  });

  beforeEach(async function () {
    dataDir = await mkdtemp(join(tmpdir(), 'zhiban-npm-'));
  });

  afterEach(async function () {
    if (npm && npm.exitCode === null && npm.signalCode === null) npm.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  /** `npm start` running until Zhiban said where it is; answers npm's pid and Zhiban's. */
  async function startThroughNpm(): Promise<{ npmPid: number; zhibanPid: number }> {
    npm = runCommand('npm', ['start'], baseEnv({ DATA_DIR: dataDir, PORT: '0', npm_config_update_notifier: 'false' }));
    await waitForOutput(npm, /地址：http:\/\/[^\s]+/, 30_000);
    const [zhibanPid] = childrenOf(npm.pid!);
    assert.ok(zhibanPid, 'npm has a child');
    assert.match(
      commandLine(zhibanPid)!,
      /^node dist\/src\/main\.js$/,
      'npm’s child is Zhiban itself, no shell between',
    );
    assert.equal(enginesUsing(dataDir).length, 1, 'the embedded engine runs');
    return { npmPid: npm.pid!, zhibanPid };
  }

  const gone = (zhibanPid: number) =>
    waitUntil(
      async () => commandLine(zhibanPid) === undefined && enginesUsing(dataDir).length === 0,
      'Zhiban and its engine gone',
      {
        timeoutMs: 6000,
      },
    );

  it('stops Zhiban and its engine within 5 s when npm’s own pid gets SIGTERM', async function () {
    const { npmPid, zhibanPid } = await startThroughNpm();
    const at = Date.now();
    process.kill(npmPid, 'SIGTERM');
    await exited(npm!);
    await gone(zhibanPid);
    assert.ok(Date.now() - at < 5000, `everything stopped in ${Date.now() - at} ms`);
    assert.match(npm!.out(), /已停止/, 'Zhiban stopped cleanly, not cut off');
  });

  it('stops Zhiban and its engine when npm is killed outright and can pass nothing on', async function () {
    const { npmPid, zhibanPid } = await startThroughNpm();
    const at = Date.now();
    process.kill(npmPid, 'SIGKILL');
    await gone(zhibanPid);
    assert.ok(Date.now() - at < 5000, `everything stopped in ${Date.now() - at} ms`);
  });
});
