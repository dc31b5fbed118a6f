// Alert groups on Slack: alerts POSTed to /webhooks/alerts become a card in the bound alerts
// channel; acknowledge, silence (through the form) and open an incident from it; /alert list,
// silence and unsilence; refusals and bad input answered privately.
import { strict as assert } from 'node:assert';
import type { AlertGroup } from '../../../models/alerts/alert-group.js';
import type { Alert } from '../../../models/alerts/alert.js';
import type { Incident } from '../../../models/incidents/incident.js';
import { anAlert, sendAlerts } from '../../support/alert-sender.js';
import type { RecordedCall } from '../../support/fake-slack.js';
import { ADMIN_SLACK, Harness } from '../../support/harness.js';
import {
  cardTitle,
  replyText,
  sendCommand,
  slackClick,
  slackClickOpeningForm,
  slackCommand,
  submitLastModal,
} from '../../support/slack-user.js';

const CHANNEL = 'CALERTS777';
const OPS = 'USYSOPS077';
const VISITOR = 'UVISITOR77';

describe('Slack: alert groups', function () {
  this.timeout(30_000);
  let h: Harness;

  before(async function () {
    h = await Harness.start({
      label: 'slack-alerts',
      slack: true,
      env: { ALERT_GROUP_WAIT: '1s', ALERT_GROUP_INTERVAL: '2s', ALERT_REPEAT_INTERVAL: '1h' },
    });
    await slackCommand(h, 'channel set alerts', { userId: ADMIN_SLACK, channelId: CHANNEL });
    await h.zhiban.models.UserProfile.create({ _id: `slack:${OPS}`, roles: ['sysops'] });
  });

  after(async function () {
    await h?.stop();
  });

  const alertCommand = (text: string, userId = OPS) => slackCommand(h, text, { command: '/alert', userId });
  const group = (name: string) => h.zhiban.models.AlertGroup.findOne({ name }).lean<AlertGroup>();
  const tsOf = (call: RecordedCall) => (call.response as { ts: string }).ts;
  /** Sends the alerts and answers the group's id once its card is in the alerts channel. */
  async function cardFor(name: string, alerts = [anAlert(name, 'node-1')]): Promise<{ id: string; ts: string }> {
    await sendAlerts(h, alerts);
    const post = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.channel === CHANNEL && !c.body.thread_ts && cardTitle(c.body).includes(name),
    });
    return { id: (await group(name))!.shortId!, ts: tsOf(post) };
  }

  it('posts the card in the bound alerts channel with its buttons', async function () {
    const { id } = await cardFor('DiskFull', [anAlert('DiskFull', 'db-1'), anAlert('DiskFull', 'db-2')]);
    const post = h.slack!.callsTo('chat.postMessage').find((c) => cardTitle(c.body).includes('DiskFull'))!;
    assert.equal(post.body.channel, CHANNEL);
    assert.equal(cardTitle(post.body), `[严重] ${id} · DiskFull · e-pay`);
    for (const action of ['alert.ack', 'alert.silence', 'alert.incident']) {
      assert.match(replyText(post.body), new RegExp(`"action_id":"${action}","value":"${id}"`));
    }
    assert.match(replyText(post.body), /平台/, 'the layer');
    assert.match(replyText(post.body), /2 \/ 0 \/ 0/);
  });

  it('gives exactly one acknowledgement when twenty people click at once, and tells the others who was first', async function () {
    const { id, ts } = await cardFor('ApiLatency');
    const clickers = Array.from({ length: 20 }, (_, i) => `UALOPS${String(i).padStart(4, '0')}`);
    await h.zhiban.models.UserProfile.insertMany(clickers.map((u) => ({ _id: `slack:${u}`, roles: ['support'] })));
    const replies = await Promise.all(clickers.map((u) => slackClick(h, 'alert.ack', id, { userId: u })));
    const won = replies.filter((r) => r.body.replace_original === true);
    const told = replies.filter((r) => new RegExp(`${id} 已被 slack:UALOPS\\d+ 确认`).test(replyText(r.body)));
    assert.equal(won.length, 1);
    assert.equal(told.length, 19);
    const acked = await group('ApiLatency');
    assert.match(acked?.ackedBy ?? '', /^slack:UALOPS\d{4}$/);
    assert.match(replyText(won[0]!.body), new RegExp(acked!.ackedBy!));
    assert.equal(await h.zhiban.models.AuditEvent.countDocuments({ objectId: id, action: 'alert.ack' }), 1);
    const edit = await h.slack!.waitFor('chat.update', { predicate: (c) => c.body.ts === ts });
    assert.doesNotMatch(replyText(edit.body), /"action_id":"alert.ack"/, 'no acknowledge button once acknowledged');
    await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.thread_ts === ts && String(c.body.text).includes(`确认了 ${id}`),
    });
  });

  it('silences the group for the chosen time from the card’s form', async function () {
    const { id, ts } = await cardFor('PodCrash', [anAlert('PodCrash', 'pod-1'), anAlert('PodCrash', 'pod-2')]);
    const opened = await slackClickOpeningForm(h, 'alert.silence', id, OPS);
    const view = opened.body.view as { callback_id: string; blocks: Array<{ element: { options?: unknown[] } }> };
    assert.equal(view.callback_id, 'alert.silence');
    assert.match(JSON.stringify(view.blocks), /"value":"30m".*"value":"1h".*"value":"2h".*"value":"4h".*"value":"24h"/);
    const before = Date.now();
    await submitLastModal(h, { duration: '2h', reason: '正在扩容' }, OPS);
    const told = await h.slack!.waitFor('chat.postEphemeral', { predicate: (c) => c.body.user === OPS });
    assert.match(
      String(told.body.text),
      /已静默 alertname=PodCrash, system=e-pay, severity=critical，至 .*（SIL-\d+）/,
    );
    const silence = await h.zhiban.models.Silence.findOne({ groupId: id }).lean();
    assert.equal(silence?.reason, '正在扩容');
    assert.ok(Math.abs(silence!.endsAt.getTime() - before - 2 * 3_600_000) < 10_000);
    const alerts = await h.zhiban.models.Alert.find({ name: 'PodCrash' }).lean<Alert[]>();
    assert.deepEqual(
      alerts.map((a) => a.silencedBy),
      [silence!._id, silence!._id],
    );
    const edit = await h.slack!.waitFor('chat.update', {
      predicate: (c) => c.body.ts === ts && replyText(c.body).includes('已静默'),
    });
    assert.match(replyText(edit.body), /2 \/ 0 \/ 2/);
    await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.thread_ts === ts && String(c.body.text).includes(`静默了 ${id}`),
    });
  });

  it('opens one linked incident from the card, and says which when clicked again', async function () {
    const { id, ts } = await cardFor('DbDown', [anAlert('DbDown', 'pg-1'), anAlert('DbDown', 'pg-2')]);
    const clicks = await Promise.all(
      Array.from({ length: 5 }, () => slackClick(h, 'alert.incident', id, { userId: OPS })),
    );
    const opened = clicks.filter((c) => /已从 .* 开启事件 INC-\d+/.test(replyText(c.body)));
    assert.equal(opened.length, 1, clicks.map((c) => replyText(c.body)).join('\n'));
    const incidentId = /INC-\d+/.exec(replyText(opened[0]!.body))![0];
    const told = clicks.filter((c) => replyText(c.body).includes(`${id} 已关联事件 ${incidentId}`));
    assert.equal(told.length, 4, 'the others are told which incident');
    const incidents = await h.zhiban.models.Incident.find({ title: 'DbDown · e-pay' }).lean<Incident[]>();
    assert.equal(incidents.length, 1);
    assert.equal(incidents[0]!.shortId, incidentId);
    assert.equal(incidents[0]!.severity, 'P1');
    assert.equal(incidents[0]!.category, 'technical');
    assert.equal(incidents[0]!.system, 'e-pay');
    assert.match(incidents[0]!.description ?? '', new RegExp(`告警分组 ${id}`));
    assert.equal((await group('DbDown'))?.incidentId, incidentId);
    const again = await slackClick(h, 'alert.incident', id, { userId: OPS });
    assert.match(replyText(again.body), new RegExp(`${id} 已关联事件 ${incidentId}`));
    assert.equal(again.body.response_type, 'ephemeral');
    await h.slack!.waitFor('chat.update', {
      predicate: (c) => c.body.ts === ts && replyText(c.body).includes(incidentId),
    });
  });

  it('opens a security incident from a group whose alerts say category=security', async function () {
    const labels = { system: 'e-gate', instance: 'waf-1', category: 'security' };
    const { id } = await cardFor('BruteForce', [anAlert('BruteForce', 'waf-1', { severity: 'major', labels })]);
    const click = await slackClick(h, 'alert.incident', id, { userId: ADMIN_SLACK });
    const incidentId = /INC-\d+/.exec(replyText(click.body))![0];
    const incident = await h.zhiban.models.Incident.findById(incidentId).lean<Incident>();
    assert.equal(incident?.category, 'security');
    assert.equal(incident?.severity, 'P2');
  });

  it('asks which labels, for how long and why when /alert silence is typed alone', async function () {
    const opened = h.slack!.callsTo('views.open').length;
    const { status } = await sendCommand(h, 'silence', { command: '/alert', userId: OPS });
    assert.equal(status, 200);
    const form = await h.slack!.waitFor('views.open', { count: opened + 1 });
    assert.match(JSON.stringify(form.body), /"callback_id":"alert.silence_new"/);
    await submitLastModal(h, { matchers: 'system=e-lib, alertname=LibSlow', duration: '30m', reason: '' }, OPS);
    const told = await h.slack!.waitFor('chat.postEphemeral', {
      predicate: (c) => String(c.body.text).includes('LibSlow'),
    });
    assert.match(String(told.body.text), /已静默 system=e-lib, alertname=LibSlow，至/);
  });

  it('lists firing groups, most severe first, silenced ones marked', async function () {
    await cardFor('MinorThing', [anAlert('MinorThing', 'x-1', { severity: 'minor' })]);
    const { reply } = await alertCommand('list', VISITOR);
    const text = replyText(reply);
    assert.equal(reply.response_type, 'ephemeral');
    assert.ok(text.indexOf('DiskFull') < text.indexOf('MinorThing'), 'critical before minor');
    assert.match(text, /PodCrash · e-pay — 2 条 · 自 [^"]*\(已静默\)/);
    assert.match(text, /生效中的静默（2）/);
  });

  it('refuses people without an ops role, privately, records it, and changes nothing', async function () {
    const { id } = await cardFor('NoRole');
    const refused = await slackClick(h, 'alert.ack', id, { userId: VISITOR });
    assert.equal(refused.body.response_type, 'ephemeral');
    assert.notEqual(refused.body.replace_original, true);
    assert.match(replyText(refused.body), /需要以下角色之一：管理员, 项目管理, 系统运维, 网络安全, 技术支持/);
    assert.equal((await group('NoRole'))?.ackedBy, undefined);
    const audit = await h.zhiban.models.AuditEvent.findOne({ objectId: id, outcome: 'refused' }).lean();
    assert.equal(audit?.actor, `slack:${VISITOR}`);
    assert.equal(audit?.action, 'alert.ack');
    for (const action of ['alert.incident', 'alert.silence']) {
      const answer = await slackClick(h, action, id, { userId: VISITOR });
      assert.match(replyText(answer.body), /需要以下角色之一/, action);
    }
    const typed = await alertCommand('silence system=e-pay 1h', VISITOR);
    assert.match(replyText(typed.reply), /需要以下角色之一/);
    assert.equal(await h.zhiban.models.Silence.countDocuments({ 'matchers.value': 'e-pay', groupId: null }), 0);
  });

  it('answers bad input to /alert privately, in the reader’s language, and changes nothing', async function () {
    const before = await h.zhiban.models.Silence.countDocuments();
    const cases: Array<[string, RegExp]> = [
      ['silence 2h', /请写上要静默的标签，例如 system=e-pay/],
      ['silence system=e-pay', /请写上静默时长/],
      ['silence system=e-pay 2x', /不认识的时长「2x」/],
      ['silence system=e-pay 30d', /静默时长须在 1m 到 7d 之间/],
      ['silence =e-pay 1h', /「=e-pay」不是标签匹配/],
      [`silence system=${'x'.repeat(10 * 1024)} 1h`, /输入太长（最多 1024 个字符）/],
      ['silence system=~(a+)+ 1h', /正则「\(a\+\)\+」无效/],
      ['unsilence', /请写上静默编号/],
      ['unsilence SIL-999', /没有找到静默 SIL-999/],
      ['frobnicate', /没有「frobnicate」这个子命令/],
    ];
    for (const [text, expected] of cases) {
      const { reply } = await alertCommand(text);
      assert.equal(reply.response_type, 'ephemeral', text);
      assert.match(replyText(reply), expected, text.slice(0, 60));
    }
    const ack = await slackClick(h, 'alert.ack', 'ALG-9999', { userId: OPS });
    assert.match(replyText(ack.body), /没有找到告警分组 ALG-9999/);
    assert.equal(await h.zhiban.models.Silence.countDocuments(), before);
  });
});
