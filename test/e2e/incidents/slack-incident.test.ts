// The incident lifecycle on Slack: declare → acknowledge → analyse → carry out → verify →
// resolve → summary, with the card in the incidents channel edited in place and steps in its thread.
import { strict as assert } from 'node:assert';
import { ADMIN_SLACK, Harness, SLACK_SECRET } from '../../support/harness.js';
import { slashCommand } from '../../support/slack-signer.js';
import { waitUntil } from '../../support/wait-until.js';
import {
  cardTitle,
  replyText,
  slackClick,
  slackClickOpeningForm,
  sendCommand,
  slackCommand,
  submitLastModal,
} from '../../support/slack-user.js';

const sendCommandRaw = async (h: Harness, text: string, command: string) => ({
  http: await sendCommand(h, text, { command }),
});

const CHANNEL = 'CINCIDENT1';
const OPS = 'USYSOPS001';
const SECOPS = 'USECOPS001';

describe('Slack: incidents', function () {
  let h: Harness;

  before(async function () {
    h = await Harness.start({ label: 'slack-incident', slack: true });
    await slackCommand(h, 'channel set incidents', { userId: ADMIN_SLACK, channelId: CHANNEL });
    await h.zhiban.models.UserProfile.create({ _id: `slack:${OPS}`, roles: ['sysops'] });
    await h.zhiban.models.UserProfile.create({ _id: `slack:${SECOPS}`, roles: ['secops'] });
  });

  after(async function () {
    await h?.stop();
  });

  const channelPosts = () => h.slack!.callsTo('chat.postMessage').filter((c) => c.body.channel === CHANNEL);

  it('takes an incident from declaration to its written lesson, with the card kept current in the channel', async function () {
    const declared = await slackCommand(h, 'declare P1 technical 统一身份认证无法登录', { command: '/incident' });
    assert.match(String(declared.reply.text), /已申报 INC-1/);
    const post = await h.slack!.waitFor('chat.postMessage', { predicate: (c) => c.body.channel === CHANNEL });
    assert.equal(cardTitle(post.body), '[P1] INC-1 · 统一身份认证无法登录');
    assert.match(replyText(post.body), /已申报（待确认）/);
    assert.match(replyText(post.body), /"action_id":"incident.ack"/);
    assert.match(replyText(post.body), /#D0021B/, 'a P1 card is red');
    const ts = (post.response as { ts: string }).ts;

    const acked = await slackClick(h, 'incident.ack', 'INC-1', { userId: OPS });
    assert.equal(acked.body.replace_original, true);
    assert.match(replyText(acked.body), /已确认现象/);
    assert.match(replyText(acked.body), new RegExp(`slack:${OPS}`), 'the card says who has it');
    const edited = await h.slack!.waitFor('chat.update', { predicate: (c) => c.body.ts === ts });
    assert.match(replyText(edited.body), /已确认现象/);
    const thread = await h.slack!.waitFor('chat.postMessage', { predicate: (c) => c.body.thread_ts === ts });
    assert.match(String(thread.body.text), /已申报（待确认） → 已确认现象/);

    for (const step of ['分析原因', '实施方案', '验证效果']) {
      const click = await slackClick(h, 'incident.advance', 'INC-1', { userId: OPS });
      assert.match(replyText(click.body), new RegExp(step));
    }
    const resolveForm = await slackClickOpeningForm(h, 'incident.advance', 'INC-1', OPS);
    assert.match(JSON.stringify(resolveForm.body), /incident\.resolve/);
    await submitLastModal(h, { fix: '重启认证服务并扩容连接池' }, OPS);
    await h.slack!.waitFor('chat.update', {
      predicate: (c) => c.body.ts === ts && replyText(c.body).includes('已解决'),
    });

    const summaryForm = await slackClickOpeningForm(h, 'incident.advance', 'INC-1', OPS);
    assert.match(JSON.stringify(summaryForm.body), /incident\.summary/);
    await submitLastModal(h, { cause: '连接池耗尽', fix: '扩容并加监控', lesson: '容量评估纳入季度检查' }, OPS);
    const summary = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.channel === CHANNEL && !c.body.thread_ts && replyText(c.body).includes('复盘总结'),
    });
    assert.match(replyText(summary.body), /容量评估纳入季度检查/);

    const incident = await h.zhiban.models.Incident.findById('INC-1').lean();
    assert.equal(incident?.state, 'closed');
    for (const state of [
      'reported',
      'acknowledged',
      'investigating',
      'mitigating',
      'verifying',
      'resolved',
      'closed',
    ]) {
      assert.ok((incident?.stateAt as Record<string, Date>)[state], `${state} is timestamped`);
    }
    const actions = (await h.zhiban.models.AuditEvent.find({ objectId: 'INC-1' }).sort({ at: 1 }).lean()).map(
      (e) => e.action,
    );
    assert.deepEqual(actions, [
      'incident.declare',
      'incident.acknowledged',
      'incident.investigating',
      'incident.mitigating',
      'incident.verifying',
      'incident.resolved',
      'incident.closed',
    ]);
    const cardPosts = channelPosts().filter((c) => !c.body.thread_ts && cardTitle(c.body).startsWith('[P1] INC-1'));
    assert.equal(cardPosts.length, 1, 'the card was posted once and edited after');
  });

  it('declares through the form when /incident is typed alone', async function () {
    const opened = h.slack!.callsTo('views.open').length;
    const { http } = await sendCommandRaw(h, '', '/incident');
    assert.equal(http.status, 200);
    const form = await h.slack!.waitFor('views.open', { count: opened + 1 });
    assert.match(JSON.stringify(form.body), /"callback_id":"incident.declare"/);
    await submitLastModal(h, { title: '电子证照签发失败', severity: 'P2', category: 'special', system: 'e-license' });
    const incident = await waitUntil(
      () =>
        h.zhiban.models.Incident.findOne({ title: '电子证照签发失败' })
          .lean()
          .then((i) => i ?? undefined),
      'the incident from the form',
    );
    assert.equal(incident.severity, 'P2');
    assert.equal(incident.category, 'special');
    assert.equal(incident.system, 'e-license');
  });

  it('shows the timeline with /incident show and MTTA and MTTR with /incident list all', async function () {
    const shown = await slackCommand(h, 'show INC-1', { command: '/incident' });
    assert.match(replyText(shown.reply), /时间线/);
    assert.match(replyText(shown.reply), /连接池耗尽/);
    const list = await slackCommand(h, 'list all', { command: '/incident' });
    assert.match(replyText(list.reply), /MTTA \d+分钟/);
    assert.match(replyText(list.reply), /MTTR \d+分钟/);
  });

  it('reports MTTA and MTTR per severity on /metrics', async function () {
    const text = await (await fetch(`${h.url}/metrics`)).text();
    assert.match(text, /^zhiban_incident_mtta_seconds\{severity="P1"\} \d/m);
    assert.match(text, /^zhiban_incident_mttr_seconds\{severity="P1"\} \d/m);
    assert.doesNotMatch(text, /zhiban_incident_mttr_seconds\{severity="P4"\}/, 'no P4 was resolved');
  });

  it('gives one incident for a declare retried by Slack with the same trigger', async function () {
    const before = await h.zhiban.models.Incident.countDocuments();
    const args = {
      command: '/incident',
      text: 'declare P3 政务网关延迟升高',
      userId: 'UUSER0001',
      channelId: 'CGENERAL01',
      responseUrl: h.slack!.responseUrl('retry-a'),
      triggerId: 'trigger-retried-1',
    };
    const first = await slashCommand(h.url, SLACK_SECRET, args);
    assert.match(JSON.stringify(first.json), /已申报 INC-\d+/);
    const again = await slashCommand(h.url, SLACK_SECRET, args, { retryNum: 1, retryReason: 'http_timeout' });
    assert.match(JSON.stringify(again.json), /已经申报过了/);
    assert.equal(await h.zhiban.models.Incident.countDocuments(), before + 1);
  });

  it('gives exactly one acknowledgement when twenty people click at once, and tells the others who was first', async function () {
    const { reply } = await slackCommand(h, 'declare P2 数据交换平台积压', { command: '/incident' });
    const id = /INC-\d+/.exec(String(reply.text))![0];
    const clickers = Array.from({ length: 20 }, (_, i) => `UOPS${String(i).padStart(5, '0')}`);
    await h.zhiban.models.UserProfile.insertMany(clickers.map((u) => ({ _id: `slack:${u}`, roles: ['support'] })));
    const replies = await Promise.all(clickers.map((u) => slackClick(h, 'incident.ack', id, { userId: u })));
    const won = replies.filter((r) => r.body.replace_original === true);
    const told = replies.filter((r) => /已被 slack:UOPS\d+ 处理/.test(replyText(r.body)));
    assert.equal(won.length, 1);
    assert.equal(told.length, 19);
    const audit = await h.zhiban.models.AuditEvent.countDocuments({ objectId: id, action: 'incident.acknowledged' });
    assert.equal(audit, 1);
    const incident = await h.zhiban.models.Incident.findById(id).lean();
    assert.equal(incident?.timeline.filter((e) => e.to === 'acknowledged').length, 1);
  });

  it('refuses a click from someone without an ops role, privately, records the refusal, and leaves the card', async function () {
    const { reply } = await slackCommand(h, 'declare P3 短信网关告警', { command: '/incident' });
    const id = /INC-\d+/.exec(String(reply.text))![0];
    const refused = await slackClick(h, 'incident.ack', id, { userId: 'UVISITOR01' });
    assert.equal(refused.body.response_type, 'ephemeral');
    assert.notEqual(refused.body.replace_original, true);
    assert.match(replyText(refused.body), /需要以下角色之一/);
    assert.equal((await h.zhiban.models.Incident.findById(id).lean())?.state, 'reported');
    const audit = await h.zhiban.models.AuditEvent.findOne({ objectId: id, outcome: 'refused' }).lean();
    assert.equal(audit?.actor, 'slack:UVISITOR01');
  });

  it('lets only secops act on a security incident', async function () {
    const { reply } = await slackCommand(h, 'declare P2 security 疑似暴力破解', { command: '/incident' });
    const id = /INC-\d+/.exec(String(reply.text))![0];
    const sysops = await slackClick(h, 'incident.ack', id, { userId: OPS });
    assert.match(replyText(sysops.body), /需要以下角色之一：管理员, 网络安全/);
    const secops = await slackClick(h, 'incident.ack', id, { userId: SECOPS });
    assert.equal(secops.body.replace_original, true);
    const shown = await slackCommand(h, `show ${id}`, { command: '/incident', userId: 'UVISITOR01' });
    assert.match(
      replyText(shown.reply),
      /疑似暴力破解/,
      `others may still view it: ${replyText(shown.reply).slice(0, 300)}`,
    );
  });

  it('answers bad input privately and changes nothing', async function () {
    const before = await h.zhiban.models.Incident.countDocuments();
    const cases: Array<[string, RegExp]> = [
      ['show INC-999', /没有找到事件 INC-999/],
      ['declare P1', /请写上事件标题/],
      ['declare P7 磁盘满', /不认识的严重程度「P7」/],
      [`declare P2 ${'长'.repeat(10_000)}`, /输入太长（最多 200 个字符）/],
      ['update', /请写上事件编号/],
      ['summary INC-1', /需要以下角色之一|已被|需要先标记解决/],
      ['frobnicate', /没有「frobnicate」这个子命令/],
    ];
    for (const [text, expected] of cases) {
      const { reply } = await slackCommand(h, text, { command: '/incident' });
      assert.equal(reply.response_type, 'ephemeral', text);
      assert.match(replyText(reply), expected, text);
    }
    const wrongState = await slackCommand(h, 'summary INC-2 a | b | c', { command: '/incident', userId: OPS });
    assert.match(replyText(wrongState.reply), /需要先标记解决/);
    assert.equal(await h.zhiban.models.Incident.countDocuments(), before);
  });
});
