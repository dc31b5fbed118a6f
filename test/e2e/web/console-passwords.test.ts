// The web console in a browser with WEB_ADMIN_PASSWORD set: a password is asked, wrong ones are
// refused and then rate-limited on screen; the admin adds a person from the Users dialog, that
// person signs in elsewhere, and a password reset signs their open page out.
import { strict as assert } from 'node:assert';
import { buildPage, chromiumInstalled, openBrowser, type Person } from '../../support/browser.js';
import { ConsolePage } from '../../support/console-page.js';
import { Harness } from '../../support/harness.js';

const PASSWORD = 'browser-admin-password-1';

describe('Web console in a browser: passwords', function () {
  this.timeout(60_000);
  let h: Harness;
  let admin: Person;
  let ui: ConsolePage;

  before(async function () {
    if (!chromiumInstalled()) {
      console.warn('  Chromium is not installed (apt-get install -y chromium): browser tests skipped');
      this.skip();
    }
    buildPage();
    h = await Harness.start({
      label: 'web-passwords',
      env: { WEB_CONSOLE: 'on', HOST: '127.0.0.1', WEB_ADMIN_PASSWORD: PASSWORD },
      options: { web: { feed: { pollMs: 100 }, heartbeatMs: 500 } },
    });
    admin = await openBrowser();
    ui = new ConsolePage(admin.page);
  });

  after(async function () {
    await admin?.close();
    await h?.stop();
  });

  it('asks for a password, refuses a wrong one, and after five says to wait', async function () {
    await ui.open(h.zhiban.consoleUrl!);
    await admin.page.locator('#signin-password').waitFor();
    assert.equal(await admin.page.locator('.trial-banner').count(), 0, 'no trial banner with a password');
    for (let i = 0; i < 5; i += 1) {
      await admin.page.locator('#signin-name').fill('mallory');
      await admin.page.locator('#signin-password').fill(`guess-number-${i}`);
      await admin.page.locator('.sign-in button[type=submit]').click();
      await admin.page.locator('.sign-in .error', { hasText: '名字或密码不对' }).waitFor();
    }
    await admin.page.locator('#signin-password').fill('guess-number-5');
    await admin.page.locator('.sign-in button[type=submit]').click();
    await admin.page.locator('.sign-in .error', { hasText: /尝试次数太多，请 15 分钟后再试/ }).waitFor();
  });

  it('lets the admin add a person, who signs in elsewhere; a reset signs their page out', async function () {
    await ui.signIn('admin', PASSWORD);
    await admin.page.getByRole('button', { name: '用户' }).click();
    const dialog = ui.dialog();
    await dialog.locator('td', { hasText: 'web:admin' }).waitFor();
    await dialog.locator('#add-name').fill('bob');
    await dialog.locator('#add-password').fill('bob-first-password');
    await dialog.getByRole('button', { name: '添加', exact: true }).click();
    await dialog.locator('.notice', { hasText: '已添加 web:bob' }).waitFor();
    await dialog.locator('td', { hasText: 'web:bob' }).waitFor();

    const bob = await openBrowser();
    try {
      const theirs = new ConsolePage(bob.page);
      await theirs.open(h.zhiban.consoleUrl!);
      await theirs.signIn('bob', 'bob-first-password');
      assert.match(await bob.page.locator('header.top').innerText(), /web:bob/);
      assert.equal(await bob.page.getByRole('button', { name: '用户' }).count(), 0, 'only admins manage users');

      await dialog.locator('tr', { hasText: 'web:bob' }).getByRole('button', { name: '重置密码' }).click();
      await dialog.locator('#reset-password').fill('bob-second-password');
      await dialog.getByRole('button', { name: '保存新密码' }).click();
      await dialog.locator('.notice', { hasText: '已重置 web:bob 的密码' }).waitFor();
      await bob.page.locator('#signin-name').waitFor({ timeout: 10_000 });
    } finally {
      await bob.close();
    }
    await admin.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});
