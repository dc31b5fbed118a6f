// Backups as people live them, written once and run on Slack, Discord and the web console:
// reports POSTed to /webhooks/backups fill `/backup status`; a failed or shrunken backup raises a
// finding whose card is in the backups channel (dataops acknowledges it) and clears by itself;
// `/backup policy` shows and changes the policy (typed, or through its form), audited; `/backup
// report` gives the daily report; refusals and bad input are answered privately, in the person's language.
import { strict as assert } from 'node:assert';
import type { AlertGroup } from '../../../models/alerts/alert-group.js';
import { aBackup, GIB, sendBackups } from '../../support/backup-sender.js';
import type { Harness } from '../../support/harness.js';
import { waitUntil } from '../../support/wait-until.js';
import { cardIn, cardOnceIt, type ChatDriver } from './chat-driver.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function backupScenarios(driver: ChatDriver, h: () => Harness): void {
  const { platform, key } = driver;
  const dataops = driver.user(40);
  const viewer = driver.user(41);
  const nobody = driver.user(42);
  const english = driver.user(43);
  const models = () => h().zhiban.models;
  const ago = (ms: number) => new Date(Date.now() - ms);

  before(async function () {
    await driver.bind('backups');
    await models().UserProfile.insertMany([
      { _id: key(dataops), roles: ['dataops'] },
      { _id: key(viewer), roles: ['viewer'] },
      { _id: key(english), roles: ['dataops'], locale: 'en' },
    ]);
  });

  it('answers /backup status before any report with how to point a backup script at Zhiban', async function () {
    const said = await driver.type(viewer, '/backup status');
    assert.equal(said.private, true);
    assert.match(said.text, /还没有收到任何备份报告/);
    assert.match(said.text, /POST \/webhooks\/backups/);
  });

  it('fills /backup status as reports arrive: a line per system × scope, worst first', async function () {
    await sendBackups(h(), [
      aBackup('e-pay', 'pay-full-1', ago(2 * HOUR), { location: 'cloud' }),
      aBackup('e-pay', 'pay-inc-1', ago(HOUR), { kind: 'incremental', sizeBytes: GIB }),
      aBackup('e-lib', 'lib-full-1', ago(3 * HOUR), { status: 'failed', message: 'disk full', sizeBytes: null }),
    ]);
    // The checks that follow a system's first report give it the plan's other scopes within moments.
    await waitUntil(
      async () => (await models().BackupSummary.countDocuments({ system: { $in: ['e-pay', 'e-lib'] } })) === 10,
      'both systems known with all five scopes',
    );
    const all = await driver.type(viewer, '/backup status');
    assert.equal(all.private, true);
    assert.match(all.text, /备份状态：7 \/ 8 正常/);
    assert.ok(all.text.indexOf('[失败] e-lib · 数据库') < all.text.indexOf('[正常]'), 'the failure first');
    assert.match(
      all.text,
      /\[正常\] e-pay · 数据库 — 全量 2小时0分前，10\.0 GiB，云端，已校验；增量 1小时0分前，1\.00 GiB，本地/,
    );
    const one = await driver.type(viewer, '/backup status e-pay');
    assert.match(one.text, /e-pay 的备份状态：4 \/ 4 正常/);
    assert.doesNotMatch(one.text, /e-lib/);
  });

  it('posts the failure as a finding in the backups channel, which dataops acknowledges and which clears by itself', async function () {
    const card = await cardIn(driver, 'backups', / · 备份失败 · e-lib$/);
    assert.match(card.title, /^\[P2 严重\] ALG-\d+ · 备份失败 · e-lib$/);
    assert.match(card.text, /database\/full: e-lib 数据库的全量备份 lib-full-1 于 .* 失败：disk full/);
    const id = (await models().AlertGroup.findOne({ system: 'e-lib', name: '备份失败' }).lean<AlertGroup>())!.shortId!;
    const acked = await driver.click(dataops, card, 'alert.ack', id);
    assert.ok(acked.card, acked.text.slice(0, 200));
    assert.match(acked.card.text, new RegExp(`确认人: ${key(dataops)}`));
    await sendBackups(h(), aBackup('e-lib', 'lib-full-2', ago(10 * 60_000)));
    await cardOnceIt(driver, 'backups', card, (c) => /状态: 已恢复/.test(c.text), 'resolved by the next backup');
  });

  it('raises a full backup that shrank to under half of the usual, on a card of its own', async function () {
    const usual = [5, 4, 3, 2, 1].map((days) =>
      aBackup('e-gov', `gov-${days}`, ago(days * DAY), { sizeBytes: 80 * GIB }),
    );
    await sendBackups(h(), [...usual, aBackup('e-gov', 'gov-0', ago(HOUR), { sizeBytes: 30 * GIB })]);
    const card = await cardIn(driver, 'backups', / · 备份过小 · e-gov$/);
    assert.match(card.text, /gov-0 只有 30\.0 GiB，不到之前 5 次全量中位数 80\.0 GiB 的 50%/);
  });

  it('shows the plan’s policy of a system, scope by scope', async function () {
    const said = await driver.type(viewer, '/backup policy e-pay');
    assert.equal(said.private, true);
    assert.match(said.text, /e-pay 的备份策略/);
    assert.match(
      said.text,
      /全量：每 1 天 · 增量：每 1 小时 · 宽限：默认（周期的 20%，至少 1 小时） · 异地副本：每 1 天 · 保留：90 天/,
    );
    assert.match(said.text, /全量：每 90 天 · 增量：无/, 'OS images: a full each quarter');
  });

  it('lets dataops change a policy, recorded with before and after, and refuses anyone else', async function () {
    const said = await driver.type(dataops, '/backup policy set e-pay config full=14d retain=180d');
    assert.equal(said.private, true);
    assert.match(said.text, /已修改 e-pay · 配置文件 的备份策略：全量 每 30 天 → 每 14 天；保留 365 天 → 180 天/);
    const audit = await models().AuditEvent.findOne({ action: 'backup.policy_set', objectId: 'e-pay/config' }).lean();
    assert.deepEqual(audit?.before, { full: '30d', retain: '365d' });
    assert.deepEqual(audit?.after, { full: '14d', retain: '180d' });
    assert.equal(audit?.via, platform);
    const shown = await driver.type(viewer, '/backup policy e-pay');
    assert.match(shown.text, /配置文件（已修改：全量；保留）/);

    const refused = await driver.type(viewer, '/backup policy set e-pay config full=1d');
    assert.equal(refused.private, true);
    assert.match(refused.text, /需要以下角色之一：管理员, 数据运维/);
    const none = await driver.type(nobody, '/backup status');
    assert.match(
      none.text,
      /需要以下角色之一：管理员, 项目管理, 系统运维, 网络安全, 数据运维, 技术支持, 客户服务, 审批人, 只读/,
    );
    const policy = await models().BackupPolicy.findById('e-pay|config').lean();
    assert.equal(policy?.overrides.full, 14 * DAY, 'the refused change changed nothing');
  });

  it('opens the policy form when set names no setting, starting with what is in force', async function () {
    const opened = await driver.type(dataops, '/backup policy set e-pay business');
    assert.equal(opened.form?.id, 'backup.policy_set');
    assert.deepEqual(opened.form.inputs, ['full', 'incremental', 'grace', 'offsite', 'retain']);
    assert.match(opened.form.text, /1h/);
    const said = await driver.submit(dataops, opened.form, { incremental: '2h' });
    assert.equal(said.private, true);
    assert.match(said.text, /已修改 e-pay · 业务数据 的备份策略：增量 每 1 小时 → 每 2 小时/);
    const policy = await models().BackupPolicy.findById('e-pay|business').lean();
    assert.deepEqual(policy?.overrides, { incremental: 2 * HOUR }, 'only what was changed in the form');
  });

  it('answers bad /backup input privately, in the person’s language, and changes nothing', async function () {
    const before = await models().AuditEvent.countDocuments({ action: 'backup.policy_set' });
    const cases: Array<[string, RegExp]> = [
      ['/backup policy', /请写上系统名/],
      ['/backup policy set e-pay', /请写上备份范围/],
      ['/backup policy set e-pay logs full=1d', /不认识的备份范围「logs」/],
      ['/backup policy set e-pay database full=7x', /「full=7x」不是时长/],
      ['/backup policy set e-pay database full=7m', /full 须在 1h 到 400d 之间/],
      ['/backup policy set e-pay database weekly=1', /「weekly=1」不是策略设置/],
      ['/backup policy set e-pay database incr=7d', /增量备份的间隔须短于全量备份的间隔/],
      ['/backup policy set e-nowhere database full=1d', /还没有收到系统「e-nowhere」的备份报告/],
      ['/backup status e-nowhere', /还没有收到系统「e-nowhere」的备份报告/],
      ['/backup frobnicate', /\/backup 没有「frobnicate」这个子命令/],
    ];
    for (const [typed, expected] of cases) {
      const said = await driver.type(dataops, typed);
      assert.equal(said.private, true, typed);
      assert.match(said.text, expected, typed);
    }
    const en = await driver.type(english, '/backup policy set e-pay database full=7x');
    assert.match(en.text, /“full=7x” is not a duration/);
    assert.equal(await models().AuditEvent.countDocuments({ action: 'backup.policy_set' }), before);
  });

  it('gives the daily report on demand', async function () {
    const said = await driver.type(viewer, '/backup report');
    assert.equal(said.private, true);
    assert.match(said.text, /备份日报 \d{4}-\d{2}-\d{2}/);
    assert.match(said.text, /合规/);
    assert.match(said.text, /备份过小|过小/);
  });
}
