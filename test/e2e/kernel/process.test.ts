// `npm start` as a newcomer runs it: no configuration, ready quickly, stops cleanly on a signal;
// and a bad configuration stops start-up with one line per problem.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = ['--import', 'tsx', 'src/main.ts'];

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...extra };
}

function run(env: NodeJS.ProcessEnv): ChildProcess & { out: () => string; err: () => string } {
  const child = spawn(process.execPath, MAIN, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return Object.assign(child, { out: () => out, err: () => err });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

function waitForOutput(child: ReturnType<typeof run>, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
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

function enginesUsing(dataDir: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', `ZhibanEngine.*${dataDir}`], { encoding: 'utf8' })
      .trim()
      .split('\n');
  } catch {
    return [];
  }
}

describe('npm start', function () {
  this.timeout(60_000);
  let dataDir: string;

  beforeEach(async function () {
    dataDir = await mkdtemp(join(tmpdir(), 'zhiban-start-'));
  });

  afterEach(async function () {
    await rm(dataDir, { recursive: true, force: true });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`starts with no configuration, is ready within 20 s, and stops on ${signal} within 5 s leaving no child`, async function () {
      const started = Date.now();
      const child = run(baseEnv({ DATA_DIR: dataDir, PORT: '0' }));
      const [, url] = await waitForOutput(child, /地址：(http:\/\/[^\s]+)/, 20_000);
      assert.match(child.out(), /数据库：mongo-java-server/);
      assert.match(child.out(), /聊天平台：无/);
      const first = child
        .out()
        .split('\n')
        .find((line) => line.trim() !== '')!;
      assert.equal(first.trim(), `网页控制台：${url}/  ← 在浏览器中打开这里`, 'the console is the first thing to open');
      let ready = 0;
      while (ready !== 200) {
        ready = (await fetch(`${url}/readyz`).catch(() => ({ status: 0 }))).status;
        assert.ok(Date.now() - started < 20_000, 'ready within 20 s');
      }
      const page = await fetch(`${url}/`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.equal(enginesUsing(dataDir).length, 1, 'the embedded engine runs while Zhiban does');
      const stopAt = Date.now();
      child.kill(signal);
      assert.equal(await exited(child), 0);
      assert.ok(Date.now() - stopAt < 5000, `stopped in ${Date.now() - stopAt} ms`);
      assert.deepEqual(enginesUsing(dataDir), [], 'no engine process is left behind');
    });
  }

  it('refuses a bad configuration with one line per problem, naming each variable, never a secret', async function () {
    const child = run(
      baseEnv({
        DATA_DIR: dataDir,
        PORT: 'abc',
        DEFAULT_LOCALE: 'fr',
        ALERT_GROUP_WAIT: 'soon',
        SLACK_SIGNING_SECRET: 'very-secret-signing-value',
      }),
    );
    assert.equal(await exited(child), 2);
    const lines = child.err().trim().split('\n');
    assert.match(lines[0]!, /配置有误/);
    const problems = lines.slice(1);
    assert.equal(problems.length, 4, child.err());
    for (const name of ['PORT', 'DEFAULT_LOCALE', 'ALERT_GROUP_WAIT', 'SLACK_BOT_TOKEN']) {
      assert.equal(problems.filter((l) => l.trim().startsWith(name)).length, 1, `one line for ${name}`);
    }
    assert.doesNotMatch(child.err(), /very-secret-signing-value/);
    assert.doesNotMatch(child.err(), /\n\s+at /, 'no stack trace');
    assert.equal(child.out(), '');
  });
});
