// `npm start` as a newcomer runs it: no configuration, ready quickly, the console's address first,
// stops cleanly on a signal; logs readable on a terminal and JSON elsewhere; and a bad configuration
// stops start-up with one line per problem, in one language.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  baseEnv,
  enginesUsing,
  exited,
  runCommand,
  runMain,
  waitForOutput,
  type Running,
} from '../../support/zhiban-process.js';

const CONSOLE_LINE = /^\s*网页控制台：http:\/\/127\.0\.0\.1:\d+\/ {2}← 在浏览器中打开这里$/;

/** Zhiban with stderr joined to stdout, as a terminal or `journalctl` shows them: one stream, in order. */
function runJoined(env: NodeJS.ProcessEnv): Running {
  return runCommand('sh', ['-c', 'exec "$0" "$@" 2>&1', process.execPath, '--import', 'tsx', 'src/main.ts'], env);
}

function pinoPrettyInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
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
      const child = runMain(baseEnv({ DATA_DIR: dataDir, PORT: '0' }));
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

  it('prints the console’s address before any log line, and logs JSON lines when not on a terminal', async function () {
    const child = runJoined(baseEnv({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' }));
    await waitForOutput(child, /按 Ctrl-C 停止/, 20_000);
    // Start-up logs (the engine starting, the database connected) were held until the banner was out.
    await waitForOutput(child, /"msg":"database connected"/, 5000);
    child.kill('SIGTERM');
    await exited(child);
    const lines = child
      .out()
      .split('\n')
      .filter((line) => line.trim() !== '');
    assert.match(lines[0]!, CONSOLE_LINE, child.out());
    const logs = lines.filter((line) => line.startsWith('{'));
    assert.ok(logs.length >= 2, child.out());
    for (const line of logs) assert.equal(typeof (JSON.parse(line) as { msg: unknown }).msg, 'string', line);
  });

  it('on a terminal, logs pino-pretty’s readable lines after the address', async function () {
    if (!pinoPrettyInstalled()) {
      console.warn('  pino-pretty is not installed (npm install pino-pretty): terminal log format not checked');
      this.skip();
    }
    // script(1) gives Zhiban a terminal of its own; what it shows comes back on script's stdout.
    const command = `exec ${process.execPath} --import tsx src/main.ts`;
    const child = runCommand(
      'script',
      ['-qefc', command, '/dev/null'],
      baseEnv({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' }),
    );
    await waitForOutput(child, /database connected/, 20_000);
    child.kill('SIGTERM');
    await exited(child);
    // eslint-disable-next-line no-control-regex
    const plain = child.out().replace(/\u001b\[[0-9;]*m/g, '');
    const lines = plain.split(/\r?\n/).filter((line) => line.trim() !== '');
    assert.match(lines[0]!, CONSOLE_LINE, plain);
    assert.ok(
      lines.some((line) => /^\[\d\d:\d\d:\d\d\] INFO: database connected\r?$/.test(line)),
      plain,
    );
    assert.doesNotMatch(plain, /\{"level":/, 'no JSON on a terminal');
  });

  it('refuses a bad configuration with one line per problem, naming each variable, never a secret', async function () {
    const child = runMain(
      baseEnv({
        DATA_DIR: dataDir,
        PORT: 'abc',
        ALERT_GROUP_WAIT: 'soon',
        SLACK_SIGNING_SECRET: 'very-secret-signing-value',
      }),
    );
    assert.equal(await exited(child), 2);
    const lines = child.err().trim().split('\n');
    assert.match(lines[0]!, /配置有误/);
    const problems = lines.slice(1);
    assert.equal(problems.length, 3, child.err());
    for (const name of ['PORT', 'ALERT_GROUP_WAIT', 'SLACK_BOT_TOKEN']) {
      assert.equal(problems.filter((l) => l.includes(name)).length, 1, `one line for ${name}`);
    }
    for (const line of problems) assert.match(line, /[必须设置]/, `in Chinese, like its header: ${line}`);
    assert.doesNotMatch(child.err(), /\b(must|required|got)\b/, 'no English under a Chinese header');
    assert.doesNotMatch(child.err(), /very-secret-signing-value/);
    assert.doesNotMatch(child.err(), /\n\s+at /, 'no stack trace');
    assert.equal(child.out(), '');
  });

  it('says it all in English when DEFAULT_LOCALE itself is wrong', async function () {
    const child = runMain(baseEnv({ DATA_DIR: dataDir, PORT: 'abc', DEFAULT_LOCALE: 'fr' }));
    assert.equal(await exited(child), 2);
    assert.deepEqual(child.err().trim().split('\n'), [
      'Zhiban cannot start; the configuration has problems:',
      '  PORT must be a whole number from 0 to 65535 (got "abc")',
      '  DEFAULT_LOCALE must be one of: zh-CN, en (got "fr")',
    ]);
  });
});
