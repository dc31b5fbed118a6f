// The web console gets a person's attention outside its tab (headless Chromium): a desktop
// notification with their permission, a chime they can turn off, and a count in the tab's title,
// for new cards in the channels they follow and for anything that mentions them; a channel with
// nothing yet says what is on its way; private messages fade from the channel into direct
// messages; a refused command stays in the box; a cancelled form leaves nothing.
import { strict as assert } from 'node:assert';
import type { WebMessageView } from '../../../src/chat/web/api-types.js';
import { anAlert, sendAlerts } from '../../support/alert-sender.js';
import { artifact, buildPage, chromiumInstalled, openBrowser, type Person } from '../../support/browser.js';
import { ConsolePage } from '../../support/console-page.js';
import { Harness } from '../../support/harness.js';
import { waitUntil } from '../../support/wait-until.js';
import { WebUser } from '../../support/web-user.js';

const FADE_MS = 2500;

describe('Web console: getting attention, in a browser', function () {
  this.timeout(60_000);
  let h: Harness;
  let admin: Person;
  let ui: ConsolePage;
  let bob: WebUser;

  before(async function () {
    if (!chromiumInstalled()) {
      console.warn('  Chromium is not installed (apt-get install -y chromium): browser tests skipped');
      this.skip();
    }
    buildPage();
    h = await Harness.start({
      label: 'web-attention',
      env: { WEB_CONSOLE: 'on', HOST: '127.0.0.1', ALERT_GROUP_WAIT: '4s' },
      options: { web: { feed: { pollMs: 100 }, heartbeatMs: 1000, privateFadeMs: FADE_MS } },
    });
    // Bob may escalate; admin is paged when someone escalates (project management).
    await h.zhiban.models.UserProfile.create({ _id: 'web:bob', roles: ['sysops'] });
    await h.zhiban.models.UserProfile.updateOne({ _id: 'web:admin' }, { $set: { roles: ['pm'] } }, { upsert: true });
    bob = await WebUser.signIn(h.url, 'bob');
    admin = await openBrowser();
    await admin.page.context().grantPermissions(['notifications'], { origin: new URL(h.url).origin });
    await ConsolePage.spyOnAttention(admin.page);
    ui = new ConsolePage(admin.page);
    await ui.open(h.zhiban.consoleUrl!);
    await ui.signIn('admin');
  });

  after(async function () {
    await admin?.close();
    await h?.stop();
  });

  /** Bob declares from his own console; `shown`: wait until the card is on admin's screen. */
  const declaredByBob = async (title: string, shown = true) => {
    assert.equal((await bob.command('incidents', `/incident declare P2 technical ${title}`)).status, 200);
    if (shown) await ui.card(new RegExp(title)).waitFor();
  };
  const openSettings = async () => {
    await admin.page.getByRole('button', { name: /通知/ }).click();
    await ui.dialog().waitFor();
  };
  const closeSettings = async () => {
    await ui.dialog().getByRole('button', { name: '关闭' }).click();
    await ui.dialog().waitFor({ state: 'detached' });
  };

  it('asks for desktop notifications on a click in the bell’s settings, and remembers the choice', async function () {
    await openSettings();
    const desktop = ui.dialog().getByLabel('桌面通知');
    assert.equal(await desktop.isChecked(), false, 'off until the person turns it on');
    assert.equal(await ui.dialog().getByLabel('提示音').isChecked(), true);
    for (const channel of ['alerts', 'incidents', 'backups', 'approvals', 'announcements', 'reports']) {
      assert.equal(await ui.dialog().locator(`input[data-follow="${channel}"]`).isChecked(), true, channel);
    }
    await desktop.check();
    await admin.page.screenshot({ path: artifact('attention-settings.png') });
    await closeSettings();
    await admin.page.reload();
    await openSettings();
    assert.equal(await ui.dialog().getByLabel('桌面通知').isChecked(), true, 'kept across a reload');
    await closeSettings();
  });

  it('calls a person who is away with a notification, a chime and a count in the title, for a new card', async function () {
    await ui.goTo('incidents');
    assert.equal(await admin.page.title(), '值班 Zhiban');
    const tones = await ui.tones();
    await ui.away(true);
    await declaredByBob('不动产登记查询失败');
    await waitUntil(async () => (await admin.page.title()) === '(1) 值班 Zhiban', 'the count in the title');
    const notices = await ui.notices();
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.title, '# 事件：有新卡片');
    assert.match(notices[0]!.body, /INC-\d+ · 不动产登记查询失败/);
    assert.equal((await ui.tones()) - tones, 2, 'one chime, two notes');
    await ui.away(false);
    await waitUntil(async () => (await admin.page.title()) === '值班 Zhiban', 'the count cleared once seen');
  });

  it('counts a new card in a channel not on screen in the title and on the bell, until that channel is opened', async function () {
    await ui.goTo('reports');
    await declaredByBob('公积金提取审核超时', false);
    await waitUntil(async () => (await admin.page.title()) === '(1) 值班 Zhiban', 'the count in the title');
    assert.match(await admin.page.getByRole('button', { name: /通知/ }).innerText(), /1/);
    assert.equal((await ui.notices()).length, 1, 'no desktop notification while the page is looked at');
    await ui.goTo('incidents');
    await waitUntil(async () => (await admin.page.title()) === '值班 Zhiban', 'the count cleared');
  });

  it('stays quiet for a channel the person unfollowed, and without sound once the sound is off', async function () {
    await openSettings();
    await ui.dialog().locator('input[data-follow="incidents"]').uncheck();
    await closeSettings();
    const tones = await ui.tones();
    await ui.away(true);
    await declaredByBob('电子税务局申报卡顿');
    assert.equal(await admin.page.title(), '值班 Zhiban', 'an unfollowed channel counts nothing');
    assert.equal((await ui.notices()).length, 1);
    assert.equal(await ui.tones(), tones);
    await ui.away(false);

    await openSettings();
    await ui.dialog().locator('input[data-follow="incidents"]').check();
    await ui.dialog().getByLabel('提示音').uncheck();
    await closeSettings();
    await ui.away(true);
    await declaredByBob('统一支付平台对账异常');
    await waitUntil(async () => (await admin.page.title()) === '(1) 值班 Zhiban', 'counted again');
    assert.equal((await ui.notices()).length, 2, 'notified again');
    assert.equal(await ui.tones(), tones, 'no sound');
    await ui.away(false);
  });

  it('calls a person who is mentioned, even in a channel they do not follow', async function () {
    await openSettings();
    for (const box of await ui.dialog().locator('input[data-follow]').all()) await box.uncheck();
    await ui.dialog().getByLabel('提示音').check();
    await closeSettings();
    const card = await waitUntil(async () => {
      const { body } = await bob.history('incidents');
      return body.messages.find((m: WebMessageView) => /统一支付平台对账异常/.test(m.message.cards?.[0]?.title ?? ''));
    }, 'the card as bob sees it');
    const escalate = card.message.cards![0]!.buttons!.find((b) => b.actionId === 'incident.escalate')!;
    const tones = await ui.tones();
    await ui.away(true);
    assert.equal((await bob.click(card.id, escalate.actionId, escalate.value)).status, 200);
    await waitUntil(async () => (await admin.page.title()) === '(1) 值班 Zhiban', 'the mention counted');
    const notices = await ui.notices();
    assert.equal(notices.at(-1)!.title, '# 事件：有消息提到你');
    assert.equal((await ui.tones()) - tones, 2);
    await ui.away(false);
  });

  it('says an alert group is on its way while the alerts channel has nothing yet, until its card comes', async function () {
    await sendAlerts(h, anAlert('CertExpiring', 'gw-1'));
    await ui.goTo('alerts');
    await admin.page.locator('.empty').waitFor();
    const note = admin.page.locator('.pending', { hasText: '正在汇集告警的分组：1 个' });
    await note.waitFor();
    assert.match(await note.innerText(), /第一张卡片约于 \d\d:\d\d:\d\d 发出/);
    await admin.page.screenshot({ path: artifact('alerts-pending.png') });
    await ui.card(/CertExpiring/).waitFor({ timeout: 15_000 });
    await note.waitFor({ state: 'detached' });
  });

  it('keeps a refused command in the box with the refusal under it, and nothing in the channel', async function () {
    await ui.goTo('incidents');
    const typed = `/incident declare P2 technical ${'长'.repeat(420)}`;
    const before = await admin.page.locator('.messages .message.private').count();
    await ui.type(typed);
    await admin.page.locator('#command-error').waitFor();
    assert.equal(await admin.page.locator('#command-input').inputValue(), typed, 'what was typed is kept');
    assert.equal(await admin.page.locator('.messages .message.private').count(), before, 'nothing in the channel');
  });

  it('leaves no echo of a command whose form was cancelled', async function () {
    await ui.type('/incident');
    await ui.dialog().waitFor();
    await admin.page.keyboard.press('Escape');
    await ui.dialog().waitFor({ state: 'detached' });
    await ui.type('/ops whoami');
    await admin.page.locator('.message.typed', { hasText: '/ops whoami' }).waitFor();
    assert.equal(await admin.page.locator('.message.typed', { hasText: /^\/incident$/ }).count(), 0);
    assert.equal(await admin.page.locator('.message.typed').count(), 1);
  });

  it('fades private messages from the channel after a while, and keeps them in direct messages', async function () {
    const echo = admin.page.locator('.messages .message.typed', { hasText: '/ops whoami' });
    await echo.waitFor();
    await echo.waitFor({ state: 'detached', timeout: FADE_MS + 5000 });
    // The answer too: it was shown a moment after the echo, so it fades a moment after it (each
    // private message must go within 5 s, or the wait fails the test).
    const privates = admin.page.locator('.messages .message.private');
    for (let left = await privates.count(); left > 0; left = await privates.count()) {
      await privates.first().waitFor({ state: 'detached', timeout: 5000 });
    }
    await ui.goTo('dm:admin');
    const kept = admin.page.locator('.messages .message.typed', { hasText: '/ops whoami' });
    await kept.waitFor();
    assert.match(await kept.innerText(), /来自 # 事件/);
    await admin.page.screenshot({ path: artifact('direct-messages.png') });
  });
});
