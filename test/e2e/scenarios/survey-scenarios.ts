// Satisfaction surveys as people live them, written once and run on Slack, Discord and the web
// console: a declarer closes nothing themselves, yet once their incident closes a survey arrives in
// their direct messages; they rate with the buttons (changing their mind once), add a comment
// through its form; forged clicks change nothing; project management reads the numbers in
// `/survey report quarter`, and they match a hand count.
import { strict as assert } from 'node:assert';
import type { Survey } from '../../../models/surveys/survey.js';
import type { Harness } from '../../support/harness.js';
import { waitUntil } from '../../support/wait-until.js';
import type { CardView, ChatDriver } from './chat-driver.js';

export function surveyScenarios(driver: ChatDriver, h: () => Harness): void {
  const { platform, key } = driver;
  const reporter = driver.user(1);
  const ops = driver.user(10);
  const visitor = driver.user(12);
  const pm = driver.user(30);
  const other = driver.user(31);
  const models = () => h().zhiban.models;
  const survey = async (id: string) => (await models().Survey.findById(id).lean<Survey>())!;
  /** The person's survey messages once `count` have arrived: [ratings, loyalty, …]. */
  const surveyCards = (who: string, count = 2) =>
    waitUntil(async () => {
      const cards = (await driver.direct(who)).filter((c) => /满意度调查/.test(c.title) || /信任与依赖/.test(c.title));
      return cards.length >= count ? cards : undefined;
    }, `${count} survey messages for ${who}`);
  /** The message as it is now in the person's direct messages, once `check` holds. */
  const nowShowing = (who: string, card: CardView, check: (c: CardView) => boolean, what: string) =>
    waitUntil(async () => (await driver.direct(who)).find((c) => c.id === card.id && check(c)), what);
  let incident = '';

  before(async function () {
    await driver.bind('incidents');
    await models().UserProfile.insertMany([
      { _id: key(ops), roles: ['sysops'] },
      { _id: key(pm), roles: ['pm'] },
    ]);
  });

  it('asks the declarer privately once their incident closes, and takes their ratings and comment there', async function () {
    const declared = await driver.type(reporter, '/incident declare P2 technical 公积金查询失败');
    incident = /INC-\d+/.exec(declared.text)![0];
    await driver.type(ops, `/incident resolve ${incident} 重建索引`);
    const closed = await driver.type(ops, `/incident summary ${incident} 索引损坏 | 重建索引 | 加索引巡检`);
    assert.match(closed.text, /已复盘关闭/);

    const [ratings, loyalty] = await surveyCards(reporter);
    assert.equal(ratings!.title, '满意度调查 SRV-1');
    assert.match(ratings!.text, new RegExp(`${incident}「公积金查询失败」已处理完毕`));
    assert.match(ratings!.text, /\/s\/[A-Za-z0-9_-]{43}/, 'the browser link is in the message');
    assert.deepEqual(
      ratings!.buttons.map((b) => b.value),
      [...['timeliness', 'quality', 'overall'].flatMap((q) => [1, 2, 3, 4, 5].map((s) => `SRV-1:${q}:${s}`)), 'SRV-1'],
    );
    assert.equal(loyalty!.buttons.length, 11);
    assert.equal((await driver.direct(ops)).length, 0, 'only the declarer is asked');

    const first = await driver.click(reporter, ratings!, 'survey.rate', 'SRV-1:timeliness:4');
    assert.ok(first.card, `the card changes in place: ${first.text.slice(0, 200)}`);
    assert.match(first.card.text, /服务时效[\s\S]*你的评分：4 \/ 5/);
    const second = await driver.click(reporter, first.card, 'survey.rate', 'SRV-1:timeliness:5');
    assert.match(second.card!.text, /你的评分：5 \/ 5/, 'a second rating replaces the first');
    const loyal = await driver.click(reporter, loyalty!, 'survey.rate', 'SRV-1:loyalty:9');
    assert.match(loyal.card!.text, /你的评分：9 \/ 10/);

    const opened = await driver.click(reporter, second.card!, 'survey.comment', 'SRV-1');
    assert.equal(opened.form?.id, 'survey.comment');
    const saved = await driver.submit(reporter, opened.form, { comment: '处理及时，希望早点通知' });
    assert.equal(saved.private, true);
    assert.match(saved.text, /已保存你对 SRV-1 的意见/);

    const stored = await survey('SRV-1');
    assert.deepEqual(stored.answers, { timeliness: 5, loyalty: 9 });
    assert.equal(stored.comment, '处理及时，希望早点通知');
    await nowShowing(
      reporter,
      ratings!,
      (c) => /你的评分：5 \/ 5/.test(c.text) && /处理及时，希望早点通知/.test(c.text),
      'the card shows the rating and the comment',
    );
    const audit = await models().AuditEvent.find({ objectId: 'SRV-1', action: 'survey.rate' }).lean();
    assert.ok(
      audit.every((a) => a.via === platform && a.actor === key(reporter)),
      'answered on this platform',
    );
  });

  it('refuses forged clicks — another person’s survey, question x, score 99 — and stores nothing', async function () {
    const sent = await driver.type(pm, `/survey send ${driver.mention(other)}`);
    assert.match(sent.text, /发送满意度调查 SRV-2/);
    const [ratings] = await surveyCards(other);
    const before = await Promise.all(['SRV-1', 'SRV-2'].map(survey));
    for (const [value, said] of [
      ['SRV-1:quality:5', /SRV-1 是发给别人的，只有收到它的人可以作答/],
      ['SRV-2:x:4', /不是这份调查提供的评分/],
      ['SRV-2:quality:99', /不是这份调查提供的评分/],
    ] as const) {
      const answer = await driver.forge(other, ratings!, 'survey.rate', value);
      assert.equal(answer.private, true, value);
      assert.equal(answer.card, undefined, `${value}: the card is left as it was`);
      // The console refuses a value its card never offered before Zhiban's rules see it.
      if (answer.gone) assert.equal(platform, 'web');
      else assert.match(answer.text, said, value);
    }
    const after = await Promise.all(['SRV-1', 'SRV-2'].map(survey));
    assert.deepEqual(
      after.map((s) => [s.answers, s.comment, s.version]),
      before.map((s) => [s.answers, s.comment, s.version]),
    );
  });

  it('lets project management read the quarter’s numbers, which match the hand count', async function () {
    const report = await driver.type(pm, '/survey report quarter');
    assert.equal(report.private, true);
    const text = report.text;
    assert.match(text, /满意度报告 \d{4}-Q[1-4]（截至/);
    // SRV-1 answered (timeliness 5, loyalty 9, a comment), SRV-2 not: 2 sent, 1 answered.
    assert.match(text, /1（50%）/);
    assert.match(text, /服务时效[\s\S]{0,40}平均 5\.00（1 份）/);
    assert.match(text, /服务质量[\s\S]{0,40}无人作答/);
    assert.match(text, /\+100（推荐 1 · 中立 0 · 贬损 0）/);
    assert.match(text, new RegExp(`${incident} 公积金查询失败 — 5\\.00（1 项评分）`));
    assert.ok(text.includes(`SRV-1 · ${incident} · ${key(reporter)}：处理及时，希望早点通知`), 'pm sees who wrote it');
  });

  it('answers bad input and people without the role privately, sending nothing', async function () {
    const before = await models().Survey.countDocuments();
    const elsewhere = platform === 'slack' ? 'discord:400000000000000001' : 'slack:UNOBODY001';
    const cases: Array<[string, string, RegExp]> = [
      [visitor, `/survey send ${driver.mention(other)}`, /需要以下角色之一：管理员, 项目管理, 技术支持, 客户服务/],
      [visitor, '/survey report', /需要以下角色之一/],
      [pm, '/survey report month 2026-13', /「2026-13」不是一个时段/],
      [pm, `/survey send ${elsewhere}`, /所在的平台没有接入/],
      [pm, '/survey send INC-999', /没有找到事件 INC-999/],
      [pm, '/survey frobnicate', /没有「frobnicate」这个子命令/],
    ];
    for (const [who, typed, expected] of cases) {
      const said = await driver.type(who, typed);
      assert.equal(said.private, true, typed);
      assert.match(said.text, expected, typed);
    }
    assert.equal(await models().Survey.countDocuments(), before);
  });
}
