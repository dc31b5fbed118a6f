// A high-risk upgrade through the announce form on Slack (issue 14): the form asks for the risk and
// the plan; medium and high risk need a rollback plan; a high-risk one is a draft with its card in
// approvals until a pm approves it (never its author, never a sysops), and only then is announced
// in announcements, with its reminders; a rejection ends it and tells the author why.
import { strict as assert } from 'node:assert';
import { Harness } from '../../support/harness.js';
import { MovedClock } from '../../support/moved-clock.js';
import { waitUntilSent } from '../../support/outbox-world.js';
import {
  replyText,
  sendCommand,
  slackClick,
  slackClickOpeningForm,
  slackCommand,
  submitLastModal,
} from '../../support/slack-user.js';
import {
  announceUpgrade,
  hoursAhead,
  PM,
  PM_TWO,
  SYSOPS,
  typed,
  upgradeOf,
  upgradeWorld,
  VIEWER,
} from '../../support/upgrade-world.js';
import { waitUntil } from '../../support/wait-until.js';

describe('Upgrades: a high-risk upgrade approved by a pm', function () {
  this.timeout(60_000);
  let clock: MovedClock;
  let h: Harness;

  before(async function () {
    clock = MovedClock.install(new Date('2026-12-01T02:00:00Z'));
    h = await Harness.start({ label: 'upgrade-approval', slack: true });
    await upgradeWorld(h);
  });

  after(async function () {
    await h?.stop();
    clock?.restore();
  });

  const ephemeral = (userId: string, text: RegExp) =>
    h.slack!.waitFor('chat.postEphemeral', {
      predicate: (c) => c.body.user === userId && text.test(JSON.stringify(c.body)),
    });

  it('opens a form with the risk and the plan, and asks a rollback plan of a high-risk upgrade', async function () {
    const http = await sendCommand(h, 'announce', { command: '/upgrade', userId: PM });
    assert.equal(http.status, 200);
    const opened = await h.slack!.waitFor('views.open');
    const blocks = (opened.body.view as { blocks: Array<{ block_id: string }> }).blocks.map((b) => b.block_id);
    assert.deepEqual(blocks, [
      'system',
      'version',
      'start',
      'end',
      'summary',
      'risk',
      'rollback_plan',
      'notes',
      'scope',
      'steps',
      'impact',
    ]);
    const start = hoursAhead(clock.now(), 72);
    const basics = {
      system: 'e-tax',
      version: '5.0.0',
      start: typed(start),
      end: typed(new Date(start.getTime() + 2 * 3_600_000)),
      summary: '税务核心库升级',
      risk: 'high',
    };
    await submitLastModal(h, basics, PM);
    await ephemeral(PM, /高风险的升级须写明回滚方案/);
    assert.equal(await h.zhiban.models.Upgrade.countDocuments(), 0, 'nothing stored');

    await submitLastModal(
      h,
      { ...basics, rollback_plan: '切回 4.9 镜像并恢复库快照', notes: '新增电子发票', impact: '报税暂停两小时' },
      PM,
    );
    await ephemeral(PM, /UPG-1（e-tax 5\.0\.0）为高风险：在审批频道经项目管理批准前为草稿/);
    const draft = await upgradeOf(h, 'UPG-1');
    assert.equal(draft.state, 'pending_approval');
    assert.deepEqual(draft.plan, {
      rollbackPlan: '切回 4.9 镜像并恢复库快照',
      notes: '新增电子发票',
      impact: '报税暂停两小时',
    });
    await waitUntilSent(h, 'upgrade-approval:UPG-1');
    const shown = async (userId: string) =>
      replyText((await slackCommand(h, 'show UPG-1', { command: '/upgrade', userId })).reply);
    assert.match(await shown(VIEWER), /没有升级 UPG-1/, 'a draft is not shown to others');
    assert.match(await shown(PM), /草稿，待项目管理批准/, 'its author sees it');
    assert.match(await shown(PM_TWO), /回滚方案.*切回 4\.9 镜像/, 'an approver sees it');
    assert.equal(
      await h.zhiban.models.OutboxMessage.countDocuments({ subject: 'upgrade:UPG-1' }),
      0,
      'a draft is not announced',
    );
  });

  it('refuses its author and a sysops, and announces it once another pm approves', async function () {
    const own = await slackClick(h, 'upgrade.approve', 'UPG-1~0', { userId: PM });
    assert.match(JSON.stringify(own.body), /UPG-1 是你自己申请的/);
    const sysops = await slackClick(h, 'upgrade.approve', 'UPG-1~0', { userId: SYSOPS });
    assert.match(JSON.stringify(sysops.body), /需要以下角色之一：管理员, 项目管理/);
    assert.equal((await upgradeOf(h, 'UPG-1')).state, 'pending_approval');

    const approved = await slackClick(h, 'upgrade.approve', 'UPG-1~0', { userId: PM_TWO });
    assert.equal(approved.body.replace_original, true);
    assert.match(JSON.stringify(approved.body), /状态\*\\n已计划/);
    const upgrade = await upgradeOf(h, 'UPG-1');
    assert.equal(upgrade.state, 'scheduled');
    assert.equal(upgrade.nextReminder?.kind, 'day', 'its reminders are planned from the approval');
    await waitUntilSent(h, 'upgrade:UPG-1');
    await waitUntilSent(h, 'upgrade-decision:UPG-1');
    const audit = await h.zhiban.models.AuditEvent.findOne({ objectId: 'UPG-1', action: 'upgrade.approved' }).lean();
    assert.equal(audit?.actor, `slack:${PM_TWO}`);
  });

  it('ends a draft that a pm rejects, telling its author why', async function () {
    const start = hoursAhead(clock.now(), 48);
    const opened = h.slack!.callsTo('views.open').length;
    const http = await sendCommand(h, 'announce', { command: '/upgrade', userId: SYSOPS });
    assert.equal(http.status, 200);
    await h.slack!.waitFor('views.open', { count: opened + 1 });
    await submitLastModal(
      h,
      {
        system: 'e-gov',
        version: '2.0.0',
        start: typed(start),
        end: typed(new Date(start.getTime() + 3_600_000)),
        summary: '门户整体迁移',
        risk: 'high',
        rollback_plan: 'DNS 切回旧集群',
      },
      SYSOPS,
    );
    const id = await waitUntil(
      async () => (await h.zhiban.models.Upgrade.findOne({ system: 'e-gov' }).lean())?._id,
      'drafted',
    );
    await slackClickOpeningForm(h, 'upgrade.reject', `${id}~0`, PM);
    await submitLastModal(h, { reason: '与年终结算冲突' }, PM);
    const ended = await waitUntil(async () => {
      const u = await upgradeOf(h, id);
      return u.state === 'rejected' ? u : undefined;
    }, 'rejected');
    assert.equal(ended.approval?.rejection?.reason, '与年终结算冲突');
    await waitUntil(
      async () =>
        (await h.zhiban.models.OutboxMessage.countDocuments({ subject: `upgrade-decision:${id}` })) === 1 || undefined,
      'the author told',
    );
    assert.equal(await h.zhiban.models.OutboxMessage.countDocuments({ subject: `upgrade:${id}` }), 0);
  });

  it('announces a typed low-risk upgrade at once, with no approval', async function () {
    const start = hoursAhead(clock.now(), 30);
    const upgrade = await announceUpgrade(
      h,
      `e-lib 1.1.0 ${typed(start)} ${typed(new Date(start.getTime() + 3_600_000))} 检索优化`,
    );
    assert.equal(upgrade.state, 'scheduled');
    assert.equal(upgrade.approval, undefined);
  });
});
