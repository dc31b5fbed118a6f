// The web console in a real browser (headless Chromium), in trial mode as `npm start` runs it with
// no configuration: enter by name, see the fixed channels, declare an incident through the form
// with the keyboard alone, acknowledge it with a click, watch an alert group arrive live and
// silence it; a person without the role is refused on screen; the audit trail downloads as CSV
// from a card's link; a phone-width screen works.
import { strict as assert } from 'node:assert';
import { localDay } from '../../../src/kernel/calendar.js';
import { anAlert, sendAlerts } from '../../support/alert-sender.js';
import { artifact, buildPage, chromiumInstalled, openBrowser, type Person } from '../../support/browser.js';
import { ConsolePage } from '../../support/console-page.js';
import { Harness } from '../../support/harness.js';
import { waitUntil } from '../../support/wait-until.js';

describe('Web console in a browser', function () {
  this.timeout(60_000);
  let h: Harness;
  let admin: Person;
  let ui: ConsolePage;

  before(async function () {
    if (!chromiumInstalled()) {
      // CI installs it (.ci/run); say so rather than pass silently.
      console.warn('  Chromium is not installed (apt-get install -y chromium): browser tests skipped');
      this.skip();
    }
    buildPage();
    h = await Harness.start({
      label: 'web-browser',
      env: { WEB_CONSOLE: 'on', HOST: '127.0.0.1', ALERT_GROUP_WAIT: '1s', ALERT_GROUP_INTERVAL: '2s' },
      options: { web: { feed: { pollMs: 100 }, heartbeatMs: 1000 } },
    });
    admin = await openBrowser();
    ui = new ConsolePage(admin.page);
  });

  after(async function () {
    await admin?.close();
    await h?.stop();
  });

  it('lets anyone in by name in trial mode, under a banner that says so, with the fixed channels', async function () {
    await ui.open(h.zhiban.consoleUrl!);
    await admin.page.locator('.trial-banner', { hasText: '试用模式' }).waitFor();
    assert.equal(await admin.page.locator('#signin-password').count(), 0, 'no password in trial mode');
    await ui.signIn('admin');
    await admin.page.locator('.trial-banner').waitFor();
    const channels = await admin.page.locator('nav.channels button').allInnerTexts();
    assert.deepEqual(
      channels.map((c) => c.replace(/\s+/g, ' ').trim()),
      ['# 告警', '# 事件', '# 备份', '# 审批', '# 公告', '# 报告', '@ 私信'],
    );
    assert.match(await admin.page.locator('header.top').innerText(), /web:admin · admin/);
  });

  it('sets the incidents channel with /ops channel set, answered in the channel', async function () {
    await ui.goTo('incidents');
    await ui.type('/ops channel set incidents');
    await admin.page.locator('.message:not(.private) .card-title', { hasText: /事件/ }).first().waitFor();
    const binding = await h.zhiban.models.ChannelBinding.findOne({ platform: 'web', kind: 'incidents' }).lean();
    assert.equal(binding?.channelId, 'incidents');
  });

  it('declares an incident through the form with the keyboard alone, and shows its card live', async function () {
    const page = admin.page;
    // As a keyboard user arrives: from the top of the page.
    await page.reload();
    await page.locator('#command-input').waitFor();
    await page.keyboard.press('Tab');
    assert.equal((await ui.focused()).className, 'skip-link');
    await page.keyboard.press('Enter');
    assert.equal((await ui.focused()).id, 'command-input');
    await page.keyboard.type('/inc');
    await page.getByRole('option', { name: /\/incident/ }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.locator('#command-input').inputValue(), '/incident ');
    await page.keyboard.type('de');
    await page.getByRole('option', { name: /declare/ }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.locator('#command-input').inputValue(), '/incident declare ');
    await page.keyboard.press('Enter');

    const dialog = ui.dialog();
    await dialog.waitFor();
    assert.match(await dialog.locator('h2').innerText(), /申报事件/);
    assert.equal((await ui.focused()).id, 'field-title', 'focus starts in the form');
    await page.keyboard.type('统一身份认证无法登录');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await dialog.locator('#field-severity').inputValue(), 'P1');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });

    const card = ui.card(/统一身份认证无法登录/);
    await card.waitFor();
    assert.match(await card.locator('.card-title').innerText(), /^\[P1\] INC-\d+ · 统一身份认证无法登录$/);
    assert.equal(await ConsolePage.edgeColour(card), 'rgb(208, 2, 27)', 'a P1 card has the critical colour');
    await card.getByRole('button', { name: '确认接手' }).waitFor();
    await card.screenshot({ path: artifact('incident-card.png') });
  });

  it('acknowledges the incident with a click: the card changes in place and the step goes in its thread', async function () {
    const entry = ui.entry(/统一身份认证无法登录/);
    await entry.getByRole('button', { name: '确认接手' }).click();
    await entry.locator('.card-fields', { hasText: '已确认现象' }).waitFor();
    await entry.locator('details.thread', { hasText: '已申报（待确认） → 已确认现象' }).waitFor();
    assert.equal(await ui.card(/统一身份认证无法登录/).count(), 1, 'one card, edited in place');
    const incident = await h.zhiban.models.Incident.findOne({ title: '统一身份认证无法登录' }).lean();
    assert.equal(incident?.state, 'acknowledged');
    assert.equal(incident?.assignee, 'web:admin');
    await admin.page.screenshot({ path: artifact('incidents-channel.png') });
  });

  it('refuses on screen, to that person alone, a click by someone without the role', async function () {
    await ui.type('/incident declare P2 technical 电子证照签发失败');
    await ui.card(/电子证照签发失败/).waitFor();
    const visitor = await openBrowser();
    try {
      const theirs = new ConsolePage(visitor.page);
      await theirs.open(h.zhiban.consoleUrl!);
      await theirs.signIn('visitor');
      await theirs.goTo('incidents');
      const entry = theirs.entry(/电子证照签发失败/);
      await entry.getByRole('button', { name: '确认接手' }).click();
      const refusal = entry.locator('.message.private', { hasText: '需要以下角色之一' });
      await refusal.waitFor();
      assert.match(await refusal.innerText(), /仅你可见/);
      assert.match(
        await entry.locator('.card-fields').first().innerText(),
        /已申报（待确认）/,
        'the card is as it was',
      );
    } finally {
      await visitor.close();
    }
    await admin.page.waitForTimeout(300);
    assert.equal(
      await ui
        .entry(/电子证照签发失败/)
        .locator('.message.private')
        .count(),
      0,
      'the refusal is not shown to others',
    );
    const incident = await h.zhiban.models.Incident.findOne({ title: '电子证照签发失败' }).lean();
    assert.equal(incident?.state, 'reported');
  });

  it('shows an alert group arriving live after a webhook, and silences it from its card', async function () {
    await ui.goTo('incidents');
    await sendAlerts(h, [anAlert('DiskFull', 'db-1'), anAlert('DiskFull', 'db-2')]);
    await ui.channel('alerts').locator('.badge').waitFor({ timeout: 15_000 });
    await ui.goTo('alerts');
    const card = ui.card(/DiskFull/);
    await card.waitFor();
    assert.match(await card.locator('.card-title').innerText(), /^\[P1 紧急\] ALG-\d+ · DiskFull · e-pay$/);
    await card.getByRole('button', { name: /静默/ }).click();
    const dialog = ui.dialog();
    await dialog.waitFor();
    await dialog.locator('#field-reason').fill('计划内扩容');
    await admin.page.screenshot({ path: artifact('alert-silence-form.png') });
    await dialog.getByRole('button', { name: '静默' }).click();
    await dialog.waitFor({ state: 'detached' });
    await ui
      .entry(/DiskFull/)
      .locator('.message.private', { hasText: '已静默' })
      .waitFor();
    const silence = await waitUntil(
      () =>
        h.zhiban.models.Silence.findOne({ expired: false })
          .lean()
          .then((s) => s ?? undefined),
      'the silence',
    );
    assert.equal(silence.createdBy, 'web:admin');
    await admin.page.screenshot({ path: artifact('alert-channel.png') });
  });

  it('downloads the audit trail as CSV from the link on the card /ops audit export answers with', async function () {
    const today = localDay(new Date(), 'Asia/Shanghai');
    await ui.type(`/ops audit export by web:admin from ${today}`);
    const link = admin.page.locator('.card-link a', { hasText: '下载 CSV' }).last();
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), `/api/audit/export?by=web%3Aadmin&from=${today}&to=${today}`);
    const [download] = await Promise.all([admin.page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), `zhiban-audit-web-admin-${today}-${today}.csv`);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    assert.deepStrictEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte-order mark for Excel');
    const rows = bytes.subarray(3).toString('utf8').trim().split('\n');
    assert.equal(rows[0], '时间（Asia/Shanghai）,操作人,操作,对象,之前,之后,原因或说明,结果,来源');
    assert.ok(
      rows.some((row) => /,web:admin,绑定频道,web:incidents,/.test(row)),
      'the channel it bound is in the file',
    );
  });

  it('closes a dialog with Escape and gives the focus back', async function () {
    await ui.goTo('incidents');
    await ui.type('/incident');
    await ui.dialog().waitFor();
    await admin.page.keyboard.press('Escape');
    await ui.dialog().waitFor({ state: 'detached' });
    assert.equal((await ui.focused()).id, 'command-input');
  });

  it('switches to English, for the page, for Zhiban’s answers and for the cards already shown', async function () {
    await admin.page.getByRole('button', { name: 'English' }).click();
    await admin.page.locator('nav.channels button', { hasText: 'incidents' }).waitFor();
    await ui.type('/ops whoami');
    await admin.page.locator('.card-title', { hasText: 'Who you are' }).waitFor();
    // The incident card was said while the page was in Chinese; it reads in English now, buttons too.
    await ui.goTo('incidents');
    const entry = ui.entry(/统一身份认证无法登录/);
    await entry.locator('.card-fields', { hasText: 'symptom confirmed' }).waitFor();
    assert.equal(await entry.locator('.card-fields', { hasText: '已确认现象' }).count(), 0);
    await admin.page.getByRole('button', { name: '中文' }).click();
    await admin.page.locator('nav.channels button', { hasText: '事件' }).waitFor();
    await entry.locator('.card-fields', { hasText: '已确认现象' }).waitFor();
  });

  it('works at phone width: channels above the messages, nothing wider than the screen', async function () {
    const phone = await openBrowser({ width: 390, height: 844 });
    try {
      const small = new ConsolePage(phone.page);
      await small.open(h.zhiban.consoleUrl!);
      await small.signIn('admin');
      await small.goTo('incidents');
      await small.card(/统一身份认证无法登录/).waitFor();
      const width = await small.scrollWidth();
      assert.ok(width <= 390, `the page is ${width}px wide`);
      assert.ok(await phone.page.locator('#command-input').isVisible());
      await phone.page.screenshot({ path: artifact('phone.png') });
    } finally {
      await phone.close();
    }
  });
});
