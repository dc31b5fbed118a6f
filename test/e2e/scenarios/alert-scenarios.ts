// Alert groups as people live them, written once and run on Slack, Discord and the web console:
// alerts POSTed to /webhooks/alerts become a card in the alerts channel; acknowledge, silence
// (through the form) and open an incident from it; /alert list, silence and unsilence; refusals and
// bad input answered privately.
import { strict as assert } from 'node:assert';
import type { AlertGroup } from '../../../models/alerts/alert-group.js';
import type { Alert } from '../../../models/alerts/alert.js';
import type { Incident } from '../../../models/incidents/incident.js';
import { anAlert, resolved, sendAlerts, type GenericAlert } from '../../support/alert-sender.js';
import { waitUntil } from '../../support/wait-until.js';
import type { Harness } from '../../support/harness.js';
import { cardIn, cardOnceIt, threadLine, type ChatDriver } from './chat-driver.js';

/** Alert groups are flushed within seconds, so a scenario sees its card quickly. */
export const FAST_ALERT_GROUPS = { ALERT_GROUP_WAIT: '1s', ALERT_GROUP_INTERVAL: '2s', ALERT_REPEAT_INTERVAL: '1h' };

export function alertScenarios(driver: ChatDriver, h: () => Harness): void {
  const { platform, key, admin } = driver;
  const ops = driver.user(10);
  const visitor = driver.user(12);
  const models = () => h().zhiban.models;
  const group = (name: string) => models().AlertGroup.findOne({ name }).lean<AlertGroup>();
  /** Sends the alerts; answers the group's id and its card once the card is in the alerts channel. */
  const cardFor = async (name: string, alerts: GenericAlert[] = [anAlert(name, 'node-1')]) => {
    await sendAlerts(h(), alerts);
    const card = await cardIn(driver, 'alerts', new RegExp(` · ${name} · `));
    return { id: (await group(name))!.shortId!, card };
  };

  before(async function () {
    await driver.bind('alerts');
    await models().UserProfile.create({ _id: key(ops), roles: ['sysops'] });
  });

  it('posts the card in the alerts channel with its buttons', async function () {
    const { id, card } = await cardFor('DiskFull', [anAlert('DiskFull', 'db-1'), anAlert('DiskFull', 'db-2')]);
    assert.equal(card.title, `[P1 紧急] ${id} · DiskFull · e-pay`);
    assert.deepEqual(
      card.buttons.map((b) => `${b.actionId}:${b.value}`),
      [`alert.ack:${id}~1`, `alert.silence:${id}~1`, `alert.incident:${id}~1`],
      'each button carries the group and the episode its card shows',
    );
    assert.match(card.text, /平台/, 'the layer');
    assert.match(card.text, /2 \/ 0 \/ 0/);
    assert.match(card.text, /DiskFull on db-1/, 'the alerts firing');
  });

  it('gives exactly one acknowledgement when twenty people click at once, and tells the others who was first', async function () {
    const { id, card } = await cardFor('ApiLatency');
    const clickers = Array.from({ length: 20 }, (_, i) => driver.user(200 + i));
    await models().UserProfile.insertMany(clickers.map((u) => ({ _id: key(u), roles: ['support'] })));
    const answers = await Promise.all(clickers.map((u) => driver.click(u, card, 'alert.ack', id)));
    const won = answers.filter((a) => a.card);
    assert.equal(won.length, 1, answers.map((a) => a.text.slice(0, 120)).join('\n'));
    const acked = await group('ApiLatency');
    assert.ok(clickers.map(key).includes(acked?.ackedBy ?? ''), `acknowledged by a clicker: ${acked?.ackedBy}`);
    assert.match(won[0]!.card!.text, new RegExp(`确认人: ${acked!.ackedBy}`), 'the card says who');
    const told = answers.filter((a) => a.private && a.text.includes(`${id} 已被 ${acked!.ackedBy} 确认`));
    const gone = answers.filter((a) => a.gone);
    assert.equal(told.length + gone.length, 19, 'every other click is answered');
    if (!driver.refusesStaleClicks) assert.equal(told.length, 19);
    assert.equal(await models().AuditEvent.countDocuments({ objectId: id, action: 'alert.ack' }), 1);
    await cardOnceIt(
      driver,
      'alerts',
      card,
      (c) => c.text.includes(`确认人: ${acked!.ackedBy}`) && !c.buttons.some((b) => b.actionId === 'alert.ack'),
      'no acknowledge button once acknowledged',
    );
    await threadLine(driver, card, new RegExp(`确认了 ${id}`));

    // Later, someone clicks on the card as it was before.
    const later = await driver.click(admin, card, 'alert.ack', id);
    if (driver.refusesStaleClicks) assert.equal(later.gone, true, 'the button is no longer on the card');
    else {
      assert.equal(later.private, true);
      assert.match(later.text, new RegExp(`${id} 已被 ${acked!.ackedBy} 确认`));
    }
    assert.equal((await group('ApiLatency'))?.ackedBy, acked!.ackedBy);
  });

  it('silences the group for the chosen time from the card’s form', async function () {
    const { id, card } = await cardFor('PodCrash', [anAlert('PodCrash', 'pod-1'), anAlert('PodCrash', 'pod-2')]);
    const opened = await driver.click(ops, card, 'alert.silence', id);
    assert.equal(opened.form?.id, 'alert.silence');
    assert.equal(opened.form.privateValue, `${id}~1`);
    assert.deepEqual(opened.form.inputs, ['duration', 'reason']);
    const before = Date.now();
    const said = await driver.submit(ops, opened.form, { duration: '2h', reason: '正在扩容' });
    assert.equal(said.private, true);
    assert.match(said.text, /已静默 alertname=PodCrash, system=e-pay, severity=critical，至 .*（SIL-\d+）/);
    const silence = await models().Silence.findOne({ groupId: id }).lean();
    assert.equal(silence?.reason, '正在扩容');
    assert.equal(silence?.createdBy, key(ops));
    assert.ok(Math.abs(silence!.endsAt.getTime() - before - 2 * 3_600_000) < 10_000);
    const alerts = await models().Alert.find({ name: 'PodCrash' }).lean<Alert[]>();
    assert.deepEqual(
      alerts.map((a) => a.silencedBy),
      [silence!._id, silence!._id],
    );
    const silenced = await cardOnceIt(driver, 'alerts', card, (c) => /状态: 已静默/.test(c.text), 'silenced');
    assert.match(silenced.text, /2 \/ 0 \/ 2/);
    await threadLine(driver, card, new RegExp(`静默了 ${id}`));
  });

  it('opens one linked incident from the card when five people click at once, and says which when clicked again', async function () {
    const { id, card } = await cardFor('DbDown', [anAlert('DbDown', 'pg-1'), anAlert('DbDown', 'pg-2')]);
    const clickers = [ops, ...Array.from({ length: 4 }, (_, i) => driver.user(300 + i))];
    await models().UserProfile.insertMany(clickers.slice(1).map((u) => ({ _id: key(u), roles: ['sysops'] })));
    const clicks = await Promise.all(clickers.map((u) => driver.click(u, card, 'alert.incident', id)));
    const opened = clicks.filter((c) => /已从 .* 开启事件 INC-\d+/.test(c.text));
    assert.equal(opened.length, 1, clicks.map((c) => c.text.slice(0, 120)).join('\n'));
    const incidentId = /INC-\d+/.exec(opened[0]!.text)![0];
    const told = clicks.filter((c) => c.private && c.text.includes(`${id} 已关联事件 ${incidentId}`));
    assert.equal(told.length, 4, 'the others are told which incident');
    const incidents = await models().Incident.find({ title: 'DbDown · e-pay' }).lean<Incident[]>();
    assert.equal(incidents.length, 1);
    assert.equal(incidents[0]!.shortId, incidentId);
    assert.equal(incidents[0]!.severity, 'P1');
    assert.equal(incidents[0]!.category, 'technical');
    assert.equal(incidents[0]!.system, 'e-pay');
    assert.match(incidents[0]!.description ?? '', new RegExp(`告警分组 ${id}`));
    assert.equal((await group('DbDown'))?.incidentId, incidentId);
    const linked = await cardOnceIt(
      driver,
      'alerts',
      card,
      (c) => c.text.includes(`关联事件: ${incidentId}`),
      'names the incident',
    );
    const again = await driver.click(ops, linked, 'alert.incident', id);
    assert.equal(again.private, true);
    assert.match(again.text, new RegExp(`${id} 已关联事件 ${incidentId}`));
  });

  it('tells the incident opened from a group when its alerts all resolve, offers to resolve it, and when they fire again', async function () {
    await driver.bind('incidents');
    const alerts = [anAlert('ApiGatewayDown', 'gw-1'), anAlert('ApiGatewayDown', 'gw-2')];
    const { id, card } = await cardFor('ApiGatewayDown', alerts);
    const opened = await driver.click(ops, card, 'alert.incident', id);
    const incidentId = /INC-\d+/.exec(opened.text)![0];
    const incidentCard = await cardIn(driver, 'incidents', new RegExp(`${incidentId} · ApiGatewayDown`));
    await driver.click(ops, incidentCard, 'incident.ack', incidentId);
    await sendAlerts(h(), alerts.map(resolved));
    await threadLine(driver, incidentCard, new RegExp(`关联告警 ${id} 已全部恢复，可以标记解决`));
    const offered = await cardOnceIt(
      driver,
      'incidents',
      incidentCard,
      (c) => c.text.includes(`关联告警: ${id} 的告警已全部恢复`),
      'says its alerts resolved',
    );
    assert.equal(offered.buttons[0]?.actionId, 'incident.resolve', 'resolving leads once its alerts resolved');
    await sendAlerts(h(), alerts[0]!);
    await threadLine(driver, incidentCard, new RegExp(`关联告警 ${id} 又触发了`));
    const stored = await models().Incident.findById(incidentId).lean<Incident>();
    assert.equal(stored?.alerts?.state, 'firing');
    assert.deepEqual(
      stored?.timeline.filter((e) => e.kind.startsWith('alerts_')).map((e) => e.kind),
      ['alerts_resolved', 'alerts_firing'],
      'each said once',
    );
  });

  it('opens a security incident from a group whose alerts say category=security', async function () {
    const labels = { system: 'e-gate', instance: 'waf-1', category: 'security' };
    const { id, card } = await cardFor('BruteForce', [anAlert('BruteForce', 'waf-1', { severity: 'major', labels })]);
    assert.match(card.title, /^\[P2 严重\] /);
    const click = await driver.click(admin, card, 'alert.incident', id);
    const incidentId = /INC-\d+/.exec(click.text)![0];
    const incident = await models().Incident.findById(incidentId).lean<Incident>();
    assert.equal(incident?.category, 'security');
    assert.equal(incident?.severity, 'P2');
  });

  it('asks which labels, for how long and why when /alert silence is typed alone', async function () {
    const opened = await driver.type(ops, '/alert silence');
    assert.equal(opened.form?.id, 'alert.silence_new');
    assert.deepEqual(opened.form.inputs, ['matchers', 'duration', 'reason']);
    const said = await driver.submit(ops, opened.form, {
      matchers: 'system=e-lib, alertname=LibSlow',
      duration: '30m',
      reason: '',
    });
    assert.equal(said.private, true);
    assert.match(said.text, /已静默 system=e-lib, alertname=LibSlow，至/);
    const silence = await models().Silence.findOne({ 'matchers.value': 'LibSlow' }).lean();
    assert.equal(silence?.createdBy, key(ops));
  });

  it('offers Unsilence on a silenced group’s card, which ends its silence', async function () {
    const { id, card } = await cardFor('QueueLag', [anAlert('QueueLag', 'mq-1')]);
    const opened = await driver.click(ops, card, 'alert.silence', id);
    await driver.submit(ops, opened.form!, { duration: '1h', reason: '维护' });
    const silencedCard = await cardOnceIt(
      driver,
      'alerts',
      card,
      (c) => c.buttons.some((b) => b.actionId === 'alert.unsilence'),
      'offers Unsilence',
    );
    const said = await driver.click(ops, silencedCard, 'alert.unsilence', id);
    assert.equal(said.private, true);
    assert.match(said.text, /已取消静默 SIL-\d+/);
    const silence = await models().Silence.findOne({ groupId: id }).lean();
    assert.equal(silence?.expired, true);
    assert.equal(silence?.expiredBy, key(ops));
  });

  it('refuses a click on a card of an episode since resolved, saying so, and changes nothing', async function () {
    const alert = anAlert('CacheMiss', 'cache-1');
    const { id, card } = await cardFor('CacheMiss', [alert]);
    await sendAlerts(h(), resolved(alert));
    await waitUntil(
      async () => (await models().AlertGroup.findOne({ shortId: id }).lean())?.state === 'resolved',
      'resolved',
    );
    const stale = await driver.click(ops, card, 'alert.ack', id);
    assert.equal(stale.private, true);
    assert.match(stale.text, new RegExp(`你点的是 ${id} 的旧卡片：它已全部恢复`));
    assert.equal(
      (await models().AlertGroup.findOne({ shortId: id }).lean())?.ackedBy ?? null,
      null,
      'nothing acknowledged',
    );
  });

  it('lists firing groups, most severe first, silenced ones marked', async function () {
    await cardFor('MinorThing', [anAlert('MinorThing', 'x-1', { severity: 'minor' })]);
    const list = await driver.type(visitor, '/alert list');
    assert.equal(list.private, true);
    assert.ok(list.text.indexOf('DiskFull') < list.text.indexOf('MinorThing'), 'critical before minor');
    assert.match(list.text, /PodCrash · e-pay — 2 条 · 自 [^"]*\(已静默\)/);
    assert.match(list.text, /生效中的静默（2）/);
  });

  it('ends a silence early with /alert unsilence, and says so', async function () {
    const silence = await models().Silence.findOne({ 'matchers.value': 'LibSlow' }).lean();
    const said = await driver.type(ops, `/alert unsilence ${silence!._id}`);
    assert.equal(said.private, true);
    assert.match(said.text, new RegExp(`已取消静默 ${silence!._id}（system=e-lib, alertname=LibSlow）`));
    const ended = await models().Silence.findById(silence!._id).lean();
    assert.equal(ended?.expired, true);
    assert.equal(ended?.expiredBy, key(ops));
    const audit = await models().AuditEvent.findOne({ objectId: silence!._id, action: 'alert.unsilence' }).lean();
    assert.equal(audit?.via, platform);
    const list = await driver.type(visitor, '/alert list');
    assert.match(list.text, /生效中的静默（1）/);
    const again = await driver.type(ops, `/alert unsilence ${silence!._id}`);
    assert.equal(again.private, true);
    assert.match(again.text, new RegExp(`静默 ${silence!._id} 已经结束了`), 'an ended silence is not ended twice');
  });

  it('refuses people without an ops role, privately, records it, and changes nothing', async function () {
    const { id, card } = await cardFor('NoRole');
    const refused = await driver.click(visitor, card, 'alert.ack', id);
    assert.equal(refused.private, true);
    assert.equal(refused.card, undefined, 'the card is not changed');
    assert.match(refused.text, /需要以下角色之一：管理员, 项目管理, 系统运维, 网络安全, 数据运维, 技术支持/);
    assert.equal((await group('NoRole'))?.ackedBy, undefined);
    const audit = await models().AuditEvent.findOne({ objectId: id, outcome: 'refused' }).lean();
    assert.equal(audit?.actor, key(visitor));
    assert.equal(audit?.action, 'alert.ack');
    assert.equal(audit?.via, platform);
    for (const action of ['alert.incident', 'alert.silence']) {
      const answer = await driver.click(visitor, card, action, id);
      assert.equal(answer.private, true, action);
      assert.match(answer.text, /需要以下角色之一/, action);
    }
    assert.equal((await group('NoRole'))?.incidentId, undefined);
    const typed = await driver.type(visitor, '/alert silence system=e-pay 1h');
    assert.match(typed.text, /需要以下角色之一/);
    assert.equal(await models().Silence.countDocuments({ 'matchers.value': 'e-pay', groupId: null }), 0);
  });

  it('answers bad input to /alert privately, and changes nothing', async function () {
    const before = await models().Silence.countDocuments();
    const cases: Array<[string, RegExp]> = [
      ['silence 2h', /请写上要静默的标签，例如 system=e-pay/],
      ['silence system=e-pay', /请写上静默时长/],
      ['silence system=e-pay 2x', /不认识的时长「2x」/],
      ['silence system=e-pay 30d', /静默时长须在 1m 到 7d 之间/],
      ['silence =e-pay 1h', /「=e-pay」不是标签匹配/],
      [`silence system=${'x'.repeat(driver.longArgument)} 1h`, /输入太长（最多 1024 个字符）/],
      ['silence system=~(a+)+ 1h', /正则「\(a\+\)\+」无效/],
      ['unsilence', /请写上静默编号/],
      ['unsilence SIL-999', /没有找到静默 SIL-999/],
      ['frobnicate', /没有「frobnicate」这个子命令/],
    ];
    for (const [text, expected] of cases) {
      const said = await driver.type(ops, `/alert ${text}`);
      assert.equal(said.private, true, text.slice(0, 60));
      assert.match(said.text, expected, text.slice(0, 60));
    }
    assert.equal(await models().Silence.countDocuments(), before);
  });
}
