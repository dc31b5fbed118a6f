// `/survey report` on a fixed quarter of surveys (test/support/survey-fixture.ts) matches the hand
// count: sent, answered, each indicator's mean and count, NPS, the splits, the lowest five, the
// comments (names for pm and admin only); refused without the role. And the quarterly report: at
// 09:00 on the quarter's first day in TIMEZONE, in the reports channel, once with two processes.
import { strict as assert } from 'node:assert';
import { SURVEY_QUARTERLY_JOB } from '../../../jobs/surveys/sweeps.js';
import type { Zhiban } from '../../../src/app.js';
import { QuarterlyReport } from '../../../src/domains/surveys/rules/quarterly-report.js';
import { systemClock } from '../../../src/kernel/clock.js';
import { Harness, startZhiban } from '../../support/harness.js';
import { jobRanSince, MovedClock, untilIdle } from '../../support/moved-clock.js';
import { bindChannel, waitUntilSent } from '../../support/outbox-world.js';
import { slackCommand } from '../../support/slack-user.js';
import { QUARTER_OF_SURVEYS } from '../../support/survey-fixture.js';

const PM = 'UPMANAGER1';
const SERVICE = 'USERVICE01';
const VIEWER = 'UVIEWER001';
const REPORTS = 'CREPORTS01';

describe('Surveys: the report', function () {
  this.timeout(60_000);
  let h: Harness;
  let second: Zhiban | undefined;
  let clock: MovedClock;
  const report = async (user: string, text: string) =>
    JSON.stringify((await slackCommand(h, `report ${text}`, { command: '/survey', userId: user })).reply);
  const reportsPosts = () =>
    h.slack!.callsTo('chat.postMessage').filter((c) => c.body.channel === REPORTS && c.status === 200);

  before(async function () {
    // 2026-12-31 23:30 in Shanghai.
    clock = MovedClock.install(new Date('2026-12-31T15:30:00Z'));
    h = await Harness.start({ label: 'survey-report', slack: true });
    await h.zhiban.models.UserProfile.insertMany([
      { _id: `slack:${PM}`, roles: ['pm'] },
      { _id: `slack:${SERVICE}`, roles: ['service'] },
      { _id: `slack:${VIEWER}`, roles: ['viewer'] },
    ]);
    await h.zhiban.models.Survey.insertMany(QUARTER_OF_SURVEYS);
    await bindChannel(h, 'slack', 'reports', REPORTS);
  });

  after(async function () {
    await second?.stop();
    await h?.stop();
    clock?.restore();
  });

  it('counts the quarter as the hand count does', async function () {
    const text = await report(PM, 'quarter 2026-Q4');
    for (const expected of [
      '满意度报告 2026-Q4',
      '*发出*\\n10',
      '*回复*\\n9（90%）',
      // 22/7, 18/6, 20/7, 49/8
      '*服务时效*\\n平均 3.14（7 份）',
      '*服务质量*\\n平均 3.00（6 份）',
      '*总体满意度*\\n平均 2.86（7 份）',
      '*信任与依赖*\\n平均 6.13（8 份）',
      // (3 promoters − 4 detractors) / 8 = −12.5
      '-13（推荐 3 · 中立 1 · 贬损 4）',
      '*技术问题*\\n发出 4 · 回复 4（100%）· 时效 3.25 · 质量 3.00 · 总体 2.67 · 信任 6.25 · NPS 0',
      '*常规问题*\\n发出 2 · 回复 2（100%）· 时效 2.50 · 质量 2.00 · 总体 2.50 · 信任 4.00 · NPS -100',
      '*无事件（手动发送）*\\n发出 2 · 回复 1（50%）· 时效 — · 质量 — · 总体 3.00 · 信任 7.00 · NPS 0',
      '*P1 紧急*\\n发出 2 · 回复 2（100%）· 时效 4.50 · 质量 4.50 · 总体 4.50 · 信任 9.50 · NPS +100',
      'INC-7 title of INC-7 — 1.33（3 项评分）\\nINC-4 title of INC-4 — 1.67（3 项评分）\\nINC-2 title of INC-2 — 3.00（4 项评分）\\nINC-6 title of INC-6 — 3.00（3 项评分）\\nINC-3 title of INC-3 — 4.33（3 项评分）',
      'SRV-1 · INC-1 · slack:UPERSON1：fast',
      'SRV-7 · INC-5 · slack:UPERSON7：slow to reply',
    ]) {
      assert.ok(text.includes(expected), `missing ${expected} in ${text.slice(0, 3000)}`);
    }
    assert.ok(!text.includes('INC-1 title of INC-1 —'), 'only the five lowest');
  });

  it('shows the comments without names to customer service, and refuses a viewer', async function () {
    const text = await report(SERVICE, '2026-Q4');
    assert.ok(text.includes('SRV-1 · INC-1：fast'), text.slice(0, 2000));
    assert.doesNotMatch(text, /UPERSON/);
    const refused = await report(VIEWER, 'quarter');
    assert.match(refused, /需要以下角色之一：管理员, 项目管理, 技术支持, 客户服务/);
    const bad = await report(PM, 'quarter 2026-13');
    assert.match(bad, /「2026-13」不是一个时段/);
  });

  it('reports the current month so far, and says so when nothing was sent', async function () {
    const text = await report(PM, '');
    assert.match(text, /满意度报告 2026-12（截至 2026-12-31 23:3\d）/);
    assert.match(text, /2026-12 没有发出调查/);
  });

  it('posts the last quarter’s report in the reports channel at 09:00 on the first day, once, with two processes', async function () {
    second = await startZhiban(h.env, h.options);
    const beforeNine = new Date('2027-01-01T00:59:30Z');
    await clock.moveTo(beforeNine, h.zhiban);
    await jobRanSince(h.zhiban, SURVEY_QUARTERLY_JOB, beforeNine);
    await untilIdle(h.zhiban);
    assert.equal(reportsPosts().length, 0, 'not before 09:00');

    const nine = new Date('2027-01-01T01:00:00Z');
    await clock.moveTo(nine, h.zhiban);
    await jobRanSince(h.zhiban, SURVEY_QUARTERLY_JOB, nine);
    await untilIdle(h.zhiban);
    await waitUntilSent(h, /^survey-report:/);
    const posts = reportsPosts();
    assert.equal(posts.length, 1);
    const card = JSON.stringify(posts[0]!.body);
    assert.match(card, /满意度报告 2026-Q4/);
    assert.match(card, /平均 3.14（7 份）/);
    assert.match(card, /SRV-1 · INC-1：fast/);
    assert.doesNotMatch(card, /UPERSON/, 'the channel is read by everyone: no names');

    const ten = new Date('2027-01-01T02:00:00Z');
    await clock.moveTo(ten, h.zhiban);
    await jobRanSince(h.zhiban, SURVEY_QUARTERLY_JOB, ten);
    await untilIdle(h.zhiban);
    assert.equal(reportsPosts().length, 1, 'once');
  });

  it('makes the report once even when two processes run the check at the same moment', async function () {
    let published = 0;
    const check = () =>
      new QuarterlyReport({
        surveys: h.zhiban.models.Survey,
        runs: h.zhiban.models.SurveyReportRun,
        publish: async () => void published++,
        clock: systemClock,
        timezone: 'Asia/Shanghai',
      });
    await h.zhiban.models.SurveyReportRun.deleteMany({});
    const results = await Promise.all([check().runIfDue(), check().runIfDue(), check().runIfDue()]);
    assert.deepEqual(results.filter(Boolean).length, 1);
    assert.equal(published, 1);
  });
});
