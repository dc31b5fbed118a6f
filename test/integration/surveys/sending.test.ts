// Sending surveys on Slack: when an incident closes its declarer is asked privately, in a DM —
// unless Zhiban declared it, or the person was asked within the cooldown (moved with a fake clock);
// `/survey send` by hand for the roles of issue 15, `force` for project management only; two
// incidents closing at once ask once.
import { strict as assert } from 'node:assert';
import { Harness } from '../../support/harness.js';
import { MovedClock } from '../../support/moved-clock.js';
import { sendCommand, slackCommand } from '../../support/slack-user.js';
import { closeIncident, slackDirect, slackDirectOnce, slackText, surveysOf } from '../../support/survey-world.js';
import { waitUntil } from '../../support/wait-until.js';

const WORKER = 'USYSOPS01';
const PM = 'UPMANAGER1';
const SUPPORT = 'USUPPORT01';
const VIEWER = 'UVIEWER001';

describe('Surveys: who is asked, and when', function () {
  this.timeout(60_000);
  let h: Harness;
  let clock: MovedClock;
  const say = (user: string, text: string) => slackCommand(h, text, { command: '/survey', userId: user });

  before(async function () {
    clock = MovedClock.install(new Date('2026-11-02T01:00:00Z'));
    h = await Harness.start({ label: 'survey-sending', slack: true });
    await h.zhiban.models.UserProfile.insertMany([
      { _id: `slack:${WORKER}`, roles: ['sysops'] },
      { _id: `slack:${PM}`, roles: ['pm'] },
      { _id: `slack:${SUPPORT}`, roles: ['support'] },
      { _id: `slack:${VIEWER}`, roles: ['viewer'] },
    ]);
  });

  after(async function () {
    await h?.stop();
    clock?.restore();
  });

  it('asks the declarer privately once their incident closes: the three ratings, then loyalty', async function () {
    const id = await closeIncident(h, 'UDECLARE01', WORKER);
    const [ratings, loyalty] = await slackDirectOnce(h, 'UDECLARE01', 2);
    assert.match(slackText(ratings!), /满意度调查 SRV-1/);
    assert.match(slackText(ratings!), new RegExp(`${id}「电子证照签发失败」已处理完毕`));
    assert.match(slackText(ratings!), /survey\.rate.*SRV-1:timeliness:1/);
    assert.match(slackText(ratings!), /\/s\/[A-Za-z0-9_-]{43}\|改在浏览器中填写/, 'the page’s link is in the message');
    assert.match(slackText(loyalty!), /SRV-1:loyalty:10/);
    const [survey] = await surveysOf(h, 'slack:UDECLARE01');
    assert.equal(survey?.incident?.id, id);
    assert.equal(survey?.reason, 'incident_closed');
    assert.equal(survey?.sentBy, 'system');
    assert.equal(survey?.closesAt.getTime(), survey!.sentAt.getTime() + 7 * 86_400_000);
    const audit = await h.zhiban.models.AuditEvent.findOne({ objectId: 'SRV-1', action: 'survey.send' }).lean();
    assert.equal(audit?.actor, 'system');
    assert.equal(slackDirect(h, WORKER).length, 0, 'the one who closed it is not asked');
  });

  it('does not ask when Zhiban itself declared the incident', async function () {
    const now = new Date();
    await h.zhiban.models.Incident.create({
      _id: 'INC-900',
      shortId: 'INC-900',
      title: '自动申报',
      severity: 'P3',
      category: 'technical',
      state: 'resolved',
      reporter: 'system',
      stateAt: { reported: now, resolved: now },
      lastUpdateAt: now,
      timeline: [],
    });
    await slackCommand(h, 'summary INC-900 a | b | c', { command: '/incident', userId: WORKER });
    assert.equal((await h.zhiban.models.Incident.findById('INC-900').lean())?.state, 'closed');
    assert.equal(await h.zhiban.models.Survey.countDocuments({ 'incident.id': 'INC-900' }), 0);
    const byHand = await say(SUPPORT, 'send INC-900');
    assert.match(JSON.stringify(byHand.reply), /INC-900 是值班助手自己申报的/);
  });

  it('asks nobody twice within the cooldown, and again once it has passed', async function () {
    await closeIncident(h, 'UDECLARE01', WORKER, '第二次故障');
    assert.equal((await surveysOf(h, 'slack:UDECLARE01')).length, 1, 'asked two days ago at most: not again');
    await clock.advance(7 * 86_400_000 + 60_000, h.zhiban);
    await closeIncident(h, 'UDECLARE01', WORKER, '第三次故障');
    const surveys = await surveysOf(h, 'slack:UDECLARE01');
    assert.equal(surveys.length, 2);
    assert.match(surveys[1]!.incident!.title, /第三次故障/);
  });

  it('sends by hand for support, and keeps to the cooldown unless a pm adds force', async function () {
    const first = await say(SUPPORT, 'send <@UASKED0001|someone>');
    assert.match(JSON.stringify(first.reply), /已向 slack:UASKED0001 发送满意度调查 SRV-\d+/);
    await slackDirectOnce(h, 'UASKED0001', 2);
    const again = await say(SUPPORT, 'send slack:UASKED0001');
    assert.match(JSON.stringify(again.reply), /slack:UASKED0001 已于 .* 收到过调查（7 天内），本次未发送/);
    const forcedBySupport = await say(SUPPORT, 'send slack:UASKED0001 force');
    assert.match(JSON.stringify(forcedBySupport.reply), /需要以下角色之一：管理员, 项目管理/);
    assert.equal((await surveysOf(h, 'slack:UASKED0001')).length, 1, 'nothing sent');
    const forced = await say(PM, 'send slack:UASKED0001 force');
    assert.match(JSON.stringify(forced.reply), /已向 slack:UASKED0001 发送满意度调查/);
    assert.equal((await surveysOf(h, 'slack:UASKED0001')).length, 2);
    const audit = await h.zhiban.models.AuditEvent.findOne({ action: 'survey.send', actor: `slack:${PM}` }).lean();
    assert.deepEqual(audit?.after, { person: 'slack:UASKED0001', forced: true });
  });

  it('sends about an incident to its declarer by hand', async function () {
    const id = await closeIncident(h, 'UDECLARE02', WORKER, '社保查询超时');
    await waitUntil(async () => (await surveysOf(h, 'slack:UDECLARE02')).length === 1 || undefined, 'the first survey');
    const forced = await say(PM, `send ${id} force`);
    assert.match(
      JSON.stringify(forced.reply),
      new RegExp(`已向 slack:UDECLARE02 发送满意度调查 SRV-\\d+（事件：${id}）`),
    );
    const surveys = await surveysOf(h, 'slack:UDECLARE02');
    assert.deepEqual(
      surveys.map((s) => [s.reason, s.incident?.id]),
      [
        ['incident_closed', id],
        ['manual', id],
      ],
    );
  });

  it('refuses people without the role and bad input, privately, sending nothing', async function () {
    const before = await h.zhiban.models.Survey.countDocuments();
    const cases: Array<[string, string, RegExp]> = [
      [VIEWER, 'send slack:UNOBODY001', /需要以下角色之一：管理员, 项目管理, 技术支持, 客户服务/],
      [SUPPORT, 'send lowercase-name', /无法识别「lowercase-name」是谁/],
      [SUPPORT, 'send INC-999', /没有找到事件 INC-999/],
      [SUPPORT, 'send slack:UNOBODY001 now please', /看不懂「now please」/],
      [SUPPORT, 'send discord:400000000000000001', /所在的平台没有接入/],
      [SUPPORT, 'frobnicate', /没有「frobnicate」这个子命令/],
    ];
    for (const [user, text, expected] of cases) {
      const said = await slackCommand(h, text, { command: '/survey', userId: user });
      assert.equal(said.reply.response_type, 'ephemeral', `${text}: ${JSON.stringify(said.reply).slice(0, 300)}`);
      assert.match(JSON.stringify(said.reply), expected, text);
    }
    // Given nothing, it opens the form that asks whom.
    const opened = h.slack!.callsTo('views.open').length;
    await sendCommand(h, 'send', { command: '/survey', userId: SUPPORT });
    const form = await h.slack!.waitFor('views.open', { count: opened + 1 });
    assert.equal((form.body.view as { callback_id: string }).callback_id, 'survey.send');
    assert.equal(await h.zhiban.models.Survey.countDocuments(), before);
  });

  it('asks once when two incidents of one declarer close at the same moment', async function () {
    await clock.advance(8 * 86_400_000, h.zhiban);
    const declare = async (title: string) => {
      const said = await slackCommand(h, `declare P3 ${title}`, { command: '/incident', userId: 'UTWICE0001' });
      const id = /INC-\d+/.exec(JSON.stringify(said.reply))![0];
      await slackCommand(h, `resolve ${id} 已修复`, { command: '/incident', userId: WORKER });
      return id;
    };
    const ids = [await declare('甲'), await declare('乙')];
    await Promise.all(
      ids.map((id) => slackCommand(h, `summary ${id} 因 | 修 | 学`, { command: '/incident', userId: WORKER })),
    );
    for (const id of ids) assert.equal((await h.zhiban.models.Incident.findById(id).lean())?.state, 'closed');
    assert.equal((await surveysOf(h, 'slack:UTWICE0001')).length, 1);
  });
});
