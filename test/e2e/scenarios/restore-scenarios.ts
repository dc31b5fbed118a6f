// Restores as people live them, written once and run on Slack, Discord and the web console (no
// executor: dataops carry out by hand): a request and its card in the approvals channel, the
// requester refused on their own request, an approval counted once, the quorum, start and finish
// by hand, verification with an incident for a "no", a rejection that asks why, the warning of an
// unverified latest, the form, `/restore list` and `show`, and bad requests answered privately in
// the person's language.
import { strict as assert } from 'node:assert';
import type { RestoreRequest } from '../../../models/restores/restore-request.js';
import { aBackup, sendBackups } from '../../support/backup-sender.js';
import type { Harness } from '../../support/harness.js';
import { waitUntil } from '../../support/wait-until.js';
import { cardIn, cardOnceIt, threadLine, type ChatDriver } from './chat-driver.js';

const CHECKSUM = 'sha256:5d41402abc4b2a76';

export function restoreScenarios(driver: ChatDriver, h: () => Harness): void {
  const { key } = driver;
  const requester = driver.user(50);
  const first = driver.user(51);
  const second = driver.user(52);
  const dataops = driver.user(53);
  const viewer = driver.user(54);
  const english = driver.user(55);
  const models = () => h().zhiban.models;
  const restoreCard = (id: string) => cardIn(driver, 'approvals', new RegExp(`^${id} · `));
  const stored = async (id: string) => (await models().RestoreRequest.findById(id).lean<RestoreRequest>())!;
  const request = async (text: string) => {
    const said = await driver.type(requester, `/restore request ${text}`);
    const id = /RST-\d+/.exec(said.text)?.[0];
    if (!id) throw new Error(`no restore requested: ${said.text.slice(0, 300)}`);
    return { id, said };
  };
  const toldPrivately = (who: string, text: RegExp, what: string) =>
    waitUntil(async () => (await driver.toldText(who)).find((line) => text.test(line)), what);
  /** The card once its buttons carry the restore's current version (an edit may be on its way). */
  const currentCard = async (id: string) => {
    const card = await restoreCard(id);
    const { version } = await stored(id);
    return cardOnceIt(
      driver,
      'approvals',
      card,
      (c) => c.buttons.every((b) => b.value.endsWith(`~${version}`)),
      `v${version}`,
    );
  };
  let approvedId = '';

  before(async function () {
    await driver.bind('approvals');
    await models().UserProfile.insertMany([
      { _id: key(requester), roles: ['support'] },
      { _id: key(first), roles: ['approver'] },
      { _id: key(second), roles: ['pm'] },
      { _id: key(dataops), roles: ['dataops'] },
      { _id: key(viewer), roles: ['viewer'] },
      { _id: key(english), roles: ['sysops'], locale: 'en' },
    ]);
    const hour = 3_600_000;
    await sendBackups(h(), [
      aBackup('e-pay', 'pay-full-1', new Date(Date.now() - 2 * hour), { location: 'cloud', checksum: CHECKSUM }),
      aBackup('e-lib', 'lib-full-1', new Date(Date.now() - 3 * hour), { verified: false }),
      aBackup('e-lib', 'lib-full-0', new Date(Date.now() - 30 * hour), {
        status: 'failed',
        message: 'disk full',
        sizeBytes: null,
      }),
    ]);
  });

  it('asks for a restore of the latest backup, and the card in approvals shows everything to decide on', async function () {
    const { id, said } = await request('e-pay latest 误删了昨天的缴费记录');
    assert.equal(said.private, true);
    assert.match(said.text, new RegExp(`已提交恢复申请 ${id}（备份 pay-full-1），需要 2 位审批人批准`));
    approvedId = id;
    const card = await restoreCard(id);
    assert.equal(card.title, `${id} · 数据恢复申请 · e-pay`);
    for (const line of [
      '状态: 待审批',
      `申请人: ${key(requester)}`,
      '系统: e-pay',
      '恢复到: e-pay',
      /备份: pay-full-1 · 数据库 全量 · \d{4}-\d{2}-\d{2} \d{2}:\d{2} · 10\.0 GiB · 云端/,
      `备份校验和: ${CHECKSUM}`,
      '备份已校验: 是',
      '恢复原因: 误删了昨天的缴费记录',
      '审批: 0/2（还没有人批准）',
      /剩余时间: 还剩 (1天0小时|23小时5\d分)（\d{4}-\d{2}-\d{2} \d{2}:\d{2} 截止）/,
    ]) {
      assert.match(card.text, typeof line === 'string' ? new RegExp(line.replace(/[()]/g, '\\$&')) : line);
    }
    assert.doesNotMatch(card.text, /⚠/, 'a verified backup: no warning');
    assert.deepEqual(
      card.buttons.map((b) => `${b.actionId}:${b.value}`),
      [`restore.approve:${id}~0`, `restore.reject:${id}~0`],
    );
  });

  it('refuses the requester’s own approval, counts an approval once, and approves with a second person', async function () {
    const id = approvedId;
    const card = await restoreCard(id);
    const own = await driver.click(requester, card, 'restore.approve', id);
    assert.equal(own.private, true);
    assert.match(own.text, new RegExp(`${id} 是你自己申请的：申请人不能批准或驳回自己的申请`));
    const refusedRole = await driver.click(dataops, card, 'restore.approve', id);
    assert.match(refusedRole.text, /需要以下角色之一：管理员, 项目管理, 审批人/);

    const once = await driver.click(first, card, 'restore.approve', id);
    // Slack and Discord answer the click with the card changed in place, the approver's private
    // confirmation following it; the console answers with the confirmation beside the card it changed.
    if (driver.platform === 'web') assert.match(once.text, new RegExp(`你对 ${id} 的批准已计入：1/2`));
    else assert.ok(once.card, `the clicked card is updated in place: ${once.text.slice(0, 200)}`);
    const counted = once.card ?? (await currentCard(id));
    assert.equal(counted.id, card.id, 'the same card, changed in place');
    assert.match(counted.text, new RegExp(`审批: 1/2：${key(first)}`));
    const again = await driver.click(first, counted, 'restore.approve', id);
    assert.match(again.text, new RegExp(`你已经批准过 ${id}：同一个人只计一次`));
    assert.equal((await stored(id)).approval.approvals.length, 1);

    // The second approver still has the card as first drawn: another approval since does not make it wrong.
    const quorum = await driver.click(second, card, 'restore.approve', id);
    if (driver.platform === 'web') assert.match(quorum.text, new RegExp(`你的批准使 ${id} 达到 2/2：申请已批准`));
    const approved = quorum.card ?? (await currentCard(id));
    assert.match(approved.text, /状态: 已批准 — 等待人工执行/);
    assert.match(approved.text, new RegExp(`审批: 2/2：${key(first)}、${key(second)}`));
    assert.deepEqual(
      approved.buttons.map((b) => b.actionId),
      ['restore.start'],
    );
    await threadLine(driver, card, new RegExp(`${key(second)} 批准（2/2）`));
    await threadLine(driver, card, /已有 2 人批准，申请通过/);
    await toldPrivately(
      requester,
      new RegExp(`你的恢复申请 ${id}（e-pay）已获批准，等待数据运维人工执行`),
      'approved, told',
    );
    const late = await driver.click(first, card, 'restore.reject', id);
    assert.equal(late.form, undefined, 'no form for a decided request');
    assert.match(late.text, new RegExp(`${id} 已获批准（2/2`));
  });

  it('lets dataops carry it out by hand, and the requester’s “no” opens an incident', async function () {
    const id = approvedId;
    const approved = await currentCard(id);
    const refused = await driver.click(viewer, approved, 'restore.start', id);
    assert.match(refused.text, /需要以下角色之一：管理员, 数据运维/);
    const started = await driver.click(dataops, approved, 'restore.start', id);
    assert.ok(started.card, started.text.slice(0, 200));
    assert.match(started.card.text, /状态: 执行中/);
    const finishing = await driver.click(dataops, started.card, 'restore.finish', id);
    assert.equal(finishing.form?.id, 'restore.finish');
    assert.deepEqual(finishing.form.inputs, ['outcome', 'checksum', 'message']);
    const finished = await driver.submit(dataops, finishing.form, { outcome: 'succeeded', checksum: CHECKSUM });
    assert.equal(finished.private, true);
    assert.match(finished.text, new RegExp(`${id}：已完成，待验证`));
    await toldPrivately(
      requester,
      new RegExp(`${id}（e-pay）已恢复完成。请核对后点卡片上的「验证」`),
      'asked to verify',
    );

    const done = await currentCard(id);
    assert.match(done.text, new RegExp(`结果: 恢复后的校验和 ${CHECKSUM} 与备份一致`));
    const verifying = await driver.click(requester, done, 'restore.verify', id);
    assert.equal(verifying.form?.id, 'restore.verify');
    assert.deepEqual(verifying.form.inputs, ['data', 'system', 'note']);
    const verified = await driver.submit(requester, verifying.form, {
      data: 'yes',
      system: 'no',
      note: '缴费服务启动失败',
    });
    const incident = /INC-\d+/.exec(verified.text)?.[0];
    assert.match(verified.text, new RegExp(`${id} 验证未通过，已开事件 INC-\\d+`));
    const opened = await models().Incident.findById(incident).lean();
    assert.equal(opened?.system, 'e-pay');
    assert.match(opened?.title ?? '', new RegExp(`恢复 ${id} 验证未通过：e-pay`));
    assert.match(opened?.description ?? '', /系统运行正常 否。缴费服务启动失败/);
    const closed = await cardOnceIt(driver, 'approvals', done, (c) => /状态: 验证未通过/.test(c.text), 'closed');
    assert.match(
      closed.text,
      new RegExp(`验证: ${key(requester)}：数据符合预期 是；系统运行正常 否 — 已开事件 ${incident}`),
    );
    assert.equal(closed.buttons.length, 0);
  });

  it('asks an approver why when they reject, and one rejection ends the request', async function () {
    const { id } = await request('e-pay pay-full-1 再恢复一次');
    const card = await restoreCard(id);
    const asking = await driver.click(first, card, 'restore.reject', id);
    assert.equal(asking.form?.id, 'restore.reject');
    assert.deepEqual(asking.form.inputs, ['reason']);
    const rejected = await driver.submit(first, asking.form, { reason: '昨天已经恢复过了' });
    assert.match(rejected.text, new RegExp(`已驳回 ${id}`));
    const shown = await cardOnceIt(driver, 'approvals', card, (c) => /状态: 已驳回/.test(c.text), 'rejected');
    assert.match(shown.text, new RegExp(`驳回: ${key(first)}：昨天已经恢复过了`));
    await toldPrivately(requester, new RegExp(`${id}（e-pay）被 ${key(first)} 驳回：昨天已经恢复过了`), 'told why');
    const after = await driver.click(second, card, 'restore.approve', id);
    assert.match(after.text, new RegExp(`${id} 已被 ${key(first)} 驳回`));
    const audit = await models().AuditEvent.findOne({ objectId: id, action: 'restore.reject', outcome: 'done' }).lean();
    assert.equal(audit?.reason, '昨天已经恢复过了');
  });

  it('warns on the card when latest finds no verified full backup', async function () {
    const { id } = await request('e-lib latest 图书数据损坏');
    const card = await restoreCard(id);
    assert.match(card.text, /⚠ 该系统没有报告校验通过（verified）的全量备份：选用了最新的成功全量备份/);
    assert.match(card.text, /备份: lib-full-1 · /);
    assert.match(card.text, /备份已校验: 否/);
  });

  it('opens a form with the system’s last succeeded backups to choose from', async function () {
    const opened = await driver.type(requester, '/restore request e-pay');
    assert.equal(opened.form?.id, 'restore.request');
    assert.deepEqual(opened.form.inputs, ['backup', 'target', 'reason']);
    assert.match(opened.form.text, /pay-full-1/);
    const said = await driver.submit(requester, opened.form, { backup: 'pay-full-1', reason: '从表单申请' });
    assert.equal(said.private, true);
    const id = /RST-\d+/.exec(said.text)?.[0];
    assert.ok(id, said.text.slice(0, 200));
    const restore = await stored(id);
    assert.deepEqual([restore.backup.id, restore.target, restore.reason], ['pay-full-1', 'e-pay', '从表单申请']);
  });

  it('opens a form for any system when /restore names none', async function () {
    const opened = await driver.type(requester, '/restore');
    assert.equal(opened.form?.id, 'restore.request');
    assert.deepEqual(opened.form.inputs, ['system', 'backup', 'target', 'reason']);
    assert.match(opened.form.text, /e-lib/, 'the systems that reported backups are offered');
    const said = await driver.submit(requester, opened.form, { system: 'e-lib', reason: '表单里选的系统' });
    const id = /RST-\d+/.exec(said.text)?.[0];
    assert.ok(id, said.text.slice(0, 200));
    const restore = await stored(id);
    assert.deepEqual([restore.system, restore.backup.id, restore.latest], ['e-lib', 'lib-full-1', true]);
  });

  it('lists the open requests and tells one’s story', async function () {
    const list = await driver.type(viewer, '/restore list');
    assert.equal(list.private, true);
    assert.match(list.text, /进行中的恢复申请/);
    assert.doesNotMatch(list.text, new RegExp(`${approvedId} ·`), 'a closed request is not open');
    const all = await driver.type(viewer, '/restore list all');
    assert.match(all.text, new RegExp(`${approvedId} · e-pay · 验证未通过 · 批准 2/2`));
    const show = await driver.type(viewer, `/restore show ${approvedId}`);
    for (const line of [
      `${key(requester)} 申请恢复：误删了昨天的缴费记录`,
      `${key(first)} 批准（1/2）`,
      `${key(dataops)}：开始恢复`,
      `${key(dataops)}：恢复完成，校验和 ${CHECKSUM} 与备份一致`,
      `${key(requester)} 验证未通过`,
    ]) {
      assert.ok(show.text.includes(line), `show tells: ${line}`);
    }
    // The refused attempts are part of the story an auditor reads.
    assert.ok(show.text.includes('被拒绝的操作：5 次'), show.text.slice(-1500));
    for (const line of [
      `${key(requester)} · 批准恢复 (被拒绝) · 原因：申请人不能审批自己的申请`,
      `${key(dataops)} · 批准恢复 (被拒绝) · 原因：需要以下角色之一：管理员, 项目管理, 审批人`,
      `${key(first)} · 批准恢复 (被拒绝) · 原因：同一个人重复批准`,
      `${key(viewer)} · 人工执行恢复 (被拒绝) · 原因：需要以下角色之一：管理员, 数据运维`,
    ]) {
      assert.ok(show.text.includes(line), `show tells the refusal: ${line}`);
    }
  });

  it('answers bad requests privately, in the person’s language, and makes nothing', async function () {
    const before = await models().RestoreRequest.countDocuments();
    const cases: Array<[string, RegExp]> = [
      ['/restore request e-pay latest', /请写明恢复原因/],
      ['/restore request e-nowhere latest 试试', /还没有收到系统「e-nowhere」的备份报告/],
      ['/restore request e-pay pay-nope 试试', /没有备份「pay-nope」/],
      ['/restore request e-pay lib-full-1 试试', /备份「lib-full-1」属于系统「e-lib」，不是「e-pay」的/],
      ['/restore request e-lib lib-full-0 试试', /备份「lib-full-0」失败了（disk full），不能用来恢复/],
      [`/restore request e-pay latest ${'长'.repeat(driver.longArgument)}`, /输入太长（最多 2000 个字符）/],
      ['/restore show RST-999', /没有恢复申请 RST-999/],
      ['/restore frobnicate', /\/restore 没有「frobnicate」这个子命令/],
    ];
    for (const [typed, expected] of cases) {
      const said = await driver.type(requester, typed);
      assert.equal(said.private, true, typed);
      assert.match(said.text, expected, typed);
    }
    const refused = await driver.type(viewer, '/restore request e-pay latest 试试');
    assert.match(refused.text, /需要以下角色之一：管理员, 项目管理, 系统运维, 数据运维, 技术支持/);
    const en = await driver.type(english, '/restore request e-pay lib-full-1 try');
    assert.match(en.text, /Backup “lib-full-1” belongs to system “e-lib”, not “e-pay”/);
    assert.equal(await models().RestoreRequest.countDocuments(), before);
  });
}
