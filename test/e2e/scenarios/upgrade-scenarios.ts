// Upgrades as people live them, written once and run on Slack, Discord and the web console (issue
// 14, "Done when"): a new user announces an upgrade and its card appears in announcements; the
// reminders 24 h and 1 h before and at the opening arrive in its thread as the clock moves; Start is
// refused too early and accepted at the window; an alert of that system is marked as expected during
// the window; Complete asks "verified?" and notes, and /upgrade history shows the new version; a
// rolled-back upgrade keeps the old one; cancel, list, and bad input answered privately in the
// person's language with nothing changed.
import { strict as assert } from 'node:assert';
import type { Upgrade } from '../../../models/upgrades/upgrade.js';
import { formatTime } from '../../../src/chat/time.js';
import { anAlert, sendAlerts } from '../../support/alert-sender.js';
import type { Harness } from '../../support/harness.js';
import { waitUntil } from '../../support/wait-until.js';
import { cardIn, cardOnceIt, threadLine, type CardView, type ChatDriver } from './chat-driver.js';
import type { ClockOf } from './every-platform.js';

const ZONE = 'Asia/Shanghai';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How a person types an instant: `2026-12-03T14:00`, in the team's zone. */
export function typed(at: Date): string {
  return formatTime(at, ZONE).replace(' ', 'T');
}

/** Two days ahead, on a whole hour: where the scenarios' first window starts. */
function windowStart(now: Date): Date {
  return new Date(Math.ceil((now.getTime() + 2 * DAY) / HOUR) * HOUR);
}

export function upgradeScenarios(driver: ChatDriver, h: () => Harness, clockOf: ClockOf): void {
  const { key } = driver;
  const sysops = driver.user(60);
  const pm = driver.user(61);
  const viewer = driver.user(62);
  const english = driver.user(63);
  const models = () => h().zhiban.models;
  const stored = async (id: string) => (await models().Upgrade.findById(id).lean<Upgrade>())!;
  const upgradeCard = (id: string) => cardIn(driver, 'announcements', new RegExp(`^${id} · `));
  /** The card once its buttons carry the upgrade's current version (an edit may be on its way). */
  const currentCard = async (id: string): Promise<CardView> => {
    const card = await upgradeCard(id);
    const { version } = await stored(id);
    return cardOnceIt(
      driver,
      'announcements',
      card,
      (c) => c.buttons.every((b) => b.value.endsWith(`~${version}`)),
      `v${version}`,
    );
  };
  const announce = async (who: string, text: string) => {
    const said = await driver.type(who, `/upgrade announce ${text}`);
    const id = /UPG-\d+/.exec(said.text)?.[0];
    if (!id) throw new Error(`no upgrade announced: ${said.text.slice(0, 300)}`);
    return { id, said };
  };
  let start = new Date();

  before(async function () {
    await driver.bind('announcements');
    await driver.bind('alerts');
    await driver.bind('approvals');
    await models().UserProfile.insertMany([
      { _id: key(sysops), roles: ['sysops'] },
      { _id: key(pm), roles: ['pm'] },
      { _id: key(viewer), roles: ['viewer'] },
      { _id: key(english), roles: ['sysops'], locale: 'en' },
    ]);
    start = windowStart(clockOf().now());
  });

  it('announces an upgrade, and its card in announcements shows the version, window, risk and how far away', async function () {
    const end = new Date(start.getTime() + 4 * HOUR);
    const { id, said } = await announce(sysops, `e-pay 2.4.0 ${typed(start)} ${typed(end)} 缴费服务升级到 2.4`);
    assert.equal(said.private, true);
    assert.match(said.text, new RegExp(`已公告 ${id}：e-pay 2\\.4\\.0，${formatTime(start, ZONE)} 开始`));
    const card = await upgradeCard(id);
    assert.equal(card.title, `${id} · 升级 · e-pay 2.4.0`);
    for (const line of [
      '缴费服务升级到 2.4',
      '状态: 已计划',
      '系统: e-pay',
      '版本: （无记录） → 2.4.0',
      '风险: 低',
      `窗口: ${formatTime(start, ZONE)} – ${formatTime(end, ZONE)}（4小时0分）`,
      `公告人: ${key(sysops)}`,
    ]) {
      assert.ok(card.text.includes(line), `the card shows ${line}:\n${card.text}`);
    }
    // The window opens 2 days on, rounded up to the hour: between 2 days and 2 days 1 hour away.
    assert.match(card.text, /时间: (1天2\d小时|2天[01]小时)后开始/);
    assert.deepEqual(
      card.buttons.map((b) => `${b.actionId}:${b.value}`),
      [`upgrade.start:${id}~0`],
    );
  });

  it('refuses Start before 15 minutes ahead of the window, saying when it opens', async function () {
    const card = await currentCard('UPG-1');
    const early = await driver.click(sysops, card, 'upgrade.start', 'UPG-1');
    assert.equal(early.private, true);
    const opens = formatTime(new Date(start.getTime() - 15 * 60_000), ZONE);
    assert.match(early.text, new RegExp(`UPG-1 于 ${formatTime(start, ZONE)} 开始：${opens} 起才能开始`));
    assert.equal((await stored('UPG-1')).state, 'scheduled');
  });

  it('reminds 24 hours and 1 hour before and at the opening, in the card’s thread', async function () {
    const clock = clockOf();
    const card = await upgradeCard('UPG-1');
    await clock.settleAt(new Date(start.getTime() - DAY), h().zhiban);
    await threadLine(driver, card, /提醒：e-pay 2\.4\.0（UPG-1）24 小时后进行/);
    await clock.settleAt(new Date(start.getTime() - HOUR), h().zhiban);
    await threadLine(driver, card, /提醒：e-pay 2\.4\.0（UPG-1）1 小时后进行/);
    await clock.settleAt(start, h().zhiban);
    await threadLine(driver, card, /UPG-1 的窗口已开始 — 请系统运维开始时点「开始」/);
    const reminded = (await stored('UPG-1')).timeline.filter((s) => s.kind === 'reminded').map((s) => s.reminder);
    assert.deepEqual(reminded, ['day', 'hour', 'open'], 'each reminder once');
  });

  it('starts the window, and an alert of e-pay is marked as expected during it', async function () {
    const card = await currentCard('UPG-1');
    const refused = await driver.click(viewer, card, 'upgrade.start', 'UPG-1');
    assert.match(refused.text, /需要以下角色之一：管理员, 系统运维/);
    const started = await driver.click(sysops, card, 'upgrade.start', 'UPG-1');
    assert.ok(started.card, started.text.slice(0, 200));
    assert.match(started.card.text, /状态: 进行中/);
    assert.deepEqual(
      started.card.buttons.map((b) => b.actionId),
      ['upgrade.complete', 'upgrade.rollback'],
    );
    await threadLine(driver, card, new RegExp(`${key(sysops)} 开始了 UPG-1`));

    await sendAlerts(h(), anAlert('PayLatencyHigh', 'pay-1', { labels: { system: 'e-pay' } }));
    const alert = await cardIn(driver, 'alerts', / · PayLatencyHigh · e-pay/);
    assert.match(alert.text, /维护: 维护窗口 UPG-1 期间 — 预期告警，不重复通知/);
  });

  it('completes it as verified, with notes, and /upgrade history shows the new version', async function () {
    const card = await currentCard('UPG-1');
    const asking = await driver.click(sysops, card, 'upgrade.complete', 'UPG-1');
    assert.equal(asking.form?.id, 'upgrade.complete');
    assert.deepEqual(asking.form.inputs, ['verified', 'notes']);
    const refused = await driver.submit(sysops, asking.form, { verified: 'no' });
    assert.match(refused.text, /UPG-1 未验证不能完成：请验证，或回滚/);
    assert.equal((await stored('UPG-1')).state, 'in_progress');
    const done = await driver.submit(sysops, asking.form, { verified: 'yes', notes: '冒烟测试通过' });
    assert.equal(done.private, true);
    assert.match(done.text, /UPG-1 已完成：e-pay 现在运行 2\.4\.0/);
    const closed = await cardOnceIt(driver, 'announcements', card, (c) => /状态: 已完成/.test(c.text), 'completed');
    assert.match(closed.text, /结果: 已验证 — 冒烟测试通过/);
    assert.equal(closed.buttons.length, 0);
    await threadLine(
      driver,
      card,
      new RegExp(`${key(sysops)} 完成了 UPG-1（已验证）：e-pay 运行 2\\.4\\.0。备注：冒烟测试通过`),
    );

    const history = await driver.type(viewer, '/upgrade history e-pay');
    assert.equal(history.private, true);
    assert.match(history.text, /e-pay 的版本/);
    assert.match(history.text, /起运行 2\.4\.0（UPG-1）/);
    assert.match(history.text, new RegExp(`UPG-1 · （无记录） → 2\\.4\\.0 · .* 由 ${key(sysops)} 完成`));
  });

  it('rolls a second upgrade back, asking why, and the registry keeps the version the system ran', async function () {
    const now = clockOf().now();
    const soon = new Date(Math.ceil((now.getTime() + 10 * 60_000) / 60_000) * 60_000);
    const { id } = await announce(
      sysops,
      `e-pay 2.5.0 ${typed(soon)} ${typed(new Date(soon.getTime() + HOUR))} 2.5 试运行`,
    );
    const card = await upgradeCard(id);
    assert.match(card.text, /版本: 2\.4\.0 → 2\.5\.0/);
    const started = await driver.type(sysops, `/upgrade start ${id}`);
    assert.match(started.text, new RegExp(`${id}：进行中`), 'Start from 15 minutes before the window');
    const moved = await currentCard(id);
    const asking = await driver.click(sysops, moved, 'upgrade.rollback', id);
    assert.equal(asking.form?.id, 'upgrade.rollback');
    assert.deepEqual(asking.form.inputs, ['reason']);
    const rolled = await driver.submit(sysops, asking.form, { reason: '支付回调失败' });
    assert.match(rolled.text, new RegExp(`${id} 已回滚：e-pay 保持 2\\.4\\.0`));
    await cardOnceIt(driver, 'announcements', card, (c) => /状态: 已回滚/.test(c.text), 'rolled back');
    const history = await driver.type(viewer, '/upgrade history e-pay');
    assert.match(history.text, /起运行 2\.4\.0（UPG-1）/);
    assert.match(history.text, new RegExp(`${id} · 2\\.4\\.0 → 2\\.5\\.0 · .* 由 ${key(sysops)} 回滚：支付回调失败`));
    assert.equal((await models().SystemVersion.findById('e-pay').lean())?.current, '2.4.0');
  });

  it('announces a high-risk upgrade through its plan form only once a pm approves it', async function () {
    const now = clockOf().now();
    const begins = new Date(Math.ceil((now.getTime() + 2 * DAY) / HOUR) * HOUR);
    const opened = await driver.type(
      sysops,
      `/upgrade announce e-tax 5.0.0 ${typed(begins)} ${typed(new Date(begins.getTime() + 2 * HOUR))}`,
    );
    assert.equal(opened.form?.id, 'upgrade.plan');
    assert.deepEqual(opened.form.inputs.slice(0, 5), ['summary', 'risk', 'rollback_plan', 'notes', 'impact']);
    const refused = await driver.submit(sysops, opened.form, { summary: '税务核心库升级', risk: 'high' });
    assert.match(refused.text, /高风险的升级须写明回滚方案/);
    const drafted = await driver.submit(sysops, opened.form, {
      summary: '税务核心库升级',
      risk: 'high',
      rollback_plan: '切回 4.9 镜像并恢复库快照',
      impact: '报税暂停两小时',
    });
    const id = /UPG-\d+/.exec(drafted.text)?.[0];
    assert.ok(id, drafted.text.slice(0, 200));
    assert.match(drafted.text, /为高风险：在审批频道经项目管理批准前为草稿/);
    const card = await cardIn(driver, 'approvals', new RegExp(`^${id} · `));
    for (const line of [
      '状态: 草稿，待项目管理批准',
      '风险: 高',
      '回滚方案: 切回 4.9 镜像并恢复库快照',
      '对用户的影响: 报税暂停两小时',
    ]) {
      assert.ok(card.text.includes(line), `the draft shows ${line}:\n${card.text}`);
    }
    assert.deepEqual(
      card.buttons.map((b) => `${b.actionId}:${b.value}`),
      [`upgrade.approve:${id}~0`, `upgrade.reject:${id}~0`],
    );
    assert.equal((await stored(id)).state, 'pending_approval');
    const own = await driver.click(sysops, card, 'upgrade.approve', id);
    assert.match(own.text, new RegExp(`${id} 是你自己申请的：申请人不能批准或驳回自己的申请`));
    const notPm = await driver.click(viewer, card, 'upgrade.approve', id);
    assert.match(notPm.text, /需要以下角色之一：管理员, 项目管理/);
    const approved = await driver.click(pm, card, 'upgrade.approve', id);
    assert.ok(approved.card, approved.text.slice(0, 200));
    assert.match(approved.card.text, /状态: 已计划/);
    assert.equal((await stored(id)).state, 'scheduled');
    await waitUntil(
      async () => ((await models().OutboxMessage.countDocuments({ subject: `upgrade:${id}` })) > 0 ? true : undefined),
      'announced once approved',
    );
  });

  it('lists the upcoming upgrades soonest first, and cancels one before it starts', async function () {
    const now = clockOf().now();
    const at = (days: number) => new Date(Math.ceil((now.getTime() + days * DAY) / HOUR) * HOUR);
    const later = await announce(
      pm,
      `e-gov 3.0.0 ${typed(at(3))} ${typed(new Date(at(3).getTime() + HOUR))} 政务网站改版`,
    );
    const sooner = await announce(
      pm,
      `e-lib 1.2.0 ${typed(at(1))} ${typed(new Date(at(1).getTime() + HOUR))} 图书检索升级`,
    );
    const list = await driver.type(viewer, '/upgrade list');
    assert.equal(list.private, true);
    const first = list.text.indexOf(`${sooner.id} · e-lib`);
    const second = list.text.indexOf(`${later.id} · e-gov`);
    assert.ok(first >= 0 && second > first, `soonest first:\n${list.text}`);
    assert.match(list.text, new RegExp(`${sooner.id} · e-lib .* · 已计划 · `), 'the state in words');
    assert.doesNotMatch(list.text, /upgrade\.state\./);
    const cancelled = await driver.type(pm, `/upgrade cancel ${later.id} 推迟到下月`);
    assert.match(cancelled.text, new RegExp(`${later.id}：已取消`));
    const card = await upgradeCard(later.id);
    const shown = await cardOnceIt(driver, 'announcements', card, (c) => /状态: 已取消/.test(c.text), 'cancelled');
    assert.match(shown.text, /原因: 推迟到下月/);
    const again = await driver.type(pm, `/upgrade list`);
    assert.doesNotMatch(again.text, new RegExp(`${later.id} ·`));
  });

  it('answers bad announcements privately, in the person’s language, and makes nothing', async function () {
    const now = clockOf().now();
    const day = (n: number) => typed(new Date(Math.ceil((now.getTime() + n * DAY) / HOUR) * HOUR));
    const lib = await models().Upgrade.findOne({ system: 'e-lib' }).lean<Upgrade>();
    const before = await models().Upgrade.countDocuments();
    const cases: Array<[string, RegExp]> = [
      [`/upgrade announce e-pay 2.6.0 ${typed(new Date(now.getTime() - HOUR))} ${day(1)} 过去`, /窗口须在将来开始/],
      [`/upgrade announce e-pay 2.6.0 ${day(2)} ${day(1)} 倒序`, /窗口须在开始后结束/],
      [`/upgrade announce e-pay 2.6.0 ${day(1)} ${day(9)} 太长`, /窗口最长 7 天/],
      [
        `/upgrade announce e-pay 2.6 ${day(1)} ${day(2)} 两段`,
        /「2\.6」不是 2\.4\.0 或 v2\.4\.0-rc\.1 这样的语义化版本/,
      ],
      [`/upgrade announce e-pay 2.3.0 ${day(1)} ${day(2)} 降级`, /2\.3\.0 不比 e-pay 当前运行的版本 2\.4\.0 新/],
      [
        `/upgrade announce e-lib 1.3.0 ${typed(lib!.start)} ${typed(lib!.end)} 重叠`,
        new RegExp(`e-lib 在这段时间已有维护窗口：${lib!._id}`),
      ],
      [
        `/upgrade announce e-pay 2.6.0 2026-13-01T22:00 ${day(2)} 坏时间`,
        /「2026-13-01T22:00」不是 2026-12-01T22:00 这样的时间/,
      ],
      [`/upgrade announce e-pay 2.6.0`, /请写明窗口开始时间/],
      [`/upgrade announce e-pay 2.6.0 tonight ${day(2)}`, /「tonight」不是 2026-12-01T22:00 这样的时间/],
      [`/upgrade announce ${'s'.repeat(60)} 2.6.0 ${day(1)} ${day(2)}`, /这样输入对表单来说太长（最多 80 个字符）/],
      ['/upgrade show UPG-999', /没有升级 UPG-999/],
      ['/upgrade frobnicate', /\/upgrade 没有「frobnicate」这个子命令/],
    ];
    for (const [text, expected] of cases) {
      const said = await driver.type(sysops, text);
      assert.equal(said.private, true, text);
      assert.match(said.text, expected, text);
    }
    const refused = await driver.type(viewer, `/upgrade announce e-pay 2.6.0 ${day(1)} ${day(2)} 试试`);
    assert.match(refused.text, /需要以下角色之一：管理员, 项目管理, 系统运维/);
    const en = await driver.type(english, `/upgrade announce e-pay 2.3.0 ${day(1)} ${day(2)} downgrade`);
    assert.match(en.text, /2\.3\.0 is not newer than the version e-pay runs now, 2\.4\.0/);
    assert.equal(await models().Upgrade.countDocuments(), before);
  });
}
