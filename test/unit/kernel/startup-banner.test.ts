// What `npm start` prints: the web console's address first, or why the console is off.
import { strict as assert } from 'node:assert';
import { type Config } from '../../../src/config/index.js';
import { loadConfig } from '../../../src/domains/registry.js';
import { Translator } from '../../../src/kernel/i18n.js';
import { startupBanner, type RunningZhiban } from '../../../src/startup-banner.js';

function configOf(env: Record<string, string>): Config {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

function bannerFor(env: Record<string, string>, running: Partial<RunningZhiban> = {}, locale: 'zh-CN' | 'en' = 'en') {
  const config = configOf({ DEFAULT_LOCALE: locale, ...env });
  const t = new Translator(locale);
  const zhiban: RunningZhiban = {
    url: 'http://127.0.0.1:3000',
    consoleUrl: config.web.enabled ? 'http://127.0.0.1:3000/' : undefined,
    database: { engine: 'mongo-java-server', where: './data/zhiban' },
    adapters: config.web.enabled ? [{ platform: 'web' }] : [],
    ...running,
  };
  return startupBanner(zhiban, config, (key, params) => t.t(locale, key, params))
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

describe('startup banner', () => {
  it('starts with the web console’s address, in trial mode with no configuration', () => {
    const lines = bannerFor({});
    assert.equal(lines[0], 'Web console: http://127.0.0.1:3000/  ← open this in a browser');
    assert.match(lines[1]!, /^Trial mode: anyone on this machine enters by name/);
    assert.ok(
      lines.includes('Chat platforms: none (set Slack or Discord tokens in .env to turn them on; see the README)'),
    );
    assert.ok(!lines.some((l) => l.includes('ADMIN_USERS is empty')), 'web:admin is the console’s admin');
  });

  it('says how to sign in when a password is set', () => {
    const lines = bannerFor({ WEB_ADMIN_PASSWORD: 'a-long-password-1' }, {}, 'zh-CN');
    assert.equal(lines[0], '网页控制台：http://127.0.0.1:3000/  ← 在浏览器中打开这里');
    assert.match(lines[1]!, /以 admin 和 WEB_ADMIN_PASSWORD 登录/);
  });

  it('says the console is off, and why, when HOST is not loopback and there is no password', () => {
    const lines = bannerFor({ HOST: '0.0.0.0' });
    assert.equal(
      lines[0],
      'Web console: off (HOST is not a loopback address and WEB_ADMIN_PASSWORD is unset; trial mode is for this machine only)',
    );
    assert.ok(lines.some((l) => l.includes('ADMIN_USERS is empty')));
  });

  it('says the console is off when WEB_CONSOLE=off', () => {
    assert.equal(bannerFor({ WEB_CONSOLE: 'off' })[0], 'Web console: off (WEB_CONSOLE=off)');
    assert.equal(
      bannerFor({ WEB_CONSOLE: 'off', HOST: '0.0.0.0', WEB_ADMIN_PASSWORD: 'a-long-password-1' })[0],
      'Web console: off (WEB_CONSOLE=off)',
    );
  });
});
