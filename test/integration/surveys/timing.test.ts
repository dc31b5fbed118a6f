// A survey's week under a moved clock: nothing is said before two days; then one reminder, with a
// fresh link, to whoever has answered nothing (and only once); after seven days it closes, its cards
// say so and offer nothing to click, and its link shows a clear "closed" page.
import { strict as assert } from 'node:assert';
import { SURVEY_SWEEP_JOB } from '../../../jobs/surveys/sweeps.js';
import type { Survey } from '../../../models/surveys/survey.js';
import { Harness } from '../../support/harness.js';
import { jobRanSince, MovedClock, untilIdle } from '../../support/moved-clock.js';
import { waitUntilSent } from '../../support/outbox-world.js';
import { slackCommand } from '../../support/slack-user.js';
import { clickInDirect, linkIn, slackDirect, slackDirectOnce, slackText } from '../../support/survey-world.js';

const SUPPORT = 'USUPPORT01';
const SILENT = 'USILENT001';
const ANSWERS = 'UANSWERS01';
const DAY = 86_400_000;

describe('Surveys: the reminder and the end of the week', function () {
  this.timeout(60_000);
  let h: Harness;
  let clock: MovedClock;
  let sentAt: Date;

  /** Moves the clock to `at` and waits until the survey sweep has run after it and everything is said. */
  const sweepAt = async (at: Date) => {
    await clock.moveTo(at, h.zhiban);
    await jobRanSince(h.zhiban, SURVEY_SWEEP_JOB, at);
    await untilIdle(h.zhiban);
    await waitUntilSent(h, /^survey/);
  };

  before(async function () {
    clock = MovedClock.install(new Date('2026-11-02T01:00:00Z'));
    h = await Harness.start({ label: 'survey-timing', slack: true });
    await h.zhiban.models.UserProfile.create({ _id: `slack:${SUPPORT}`, roles: ['support'] });
    for (const person of [SILENT, ANSWERS]) {
      await slackCommand(h, `send slack:${person}`, { command: '/survey', userId: SUPPORT });
      await slackDirectOnce(h, person, 2);
    }
    await clickInDirect(h, ANSWERS, 'survey.rate', 'SRV-2:overall:4');
    sentAt = (await h.zhiban.models.Survey.findById('SRV-1').lean<Survey>())!.sentAt;
  });

  after(async function () {
    await h?.stop();
    clock?.restore();
  });

  it('says nothing more before two days have passed', async function () {
    await sweepAt(new Date(sentAt.getTime() + 2 * DAY - 10 * 60_000));
    assert.equal(slackDirect(h, SILENT).length, 2);
    assert.equal((await h.zhiban.models.Survey.findById('SRV-1').lean())?.remindedAt, undefined);
  });

  it('reminds once, after two days, whoever has answered nothing, with a fresh link', async function () {
    const first = linkIn(slackDirect(h, SILENT));
    await sweepAt(new Date(sentAt.getTime() + 2 * DAY + 60_000));
    const messages = await slackDirectOnce(h, SILENT, 3);
    const reminder = slackText(messages[2]!);
    assert.match(reminder, /提醒：满意度调查 SRV-1 还在等你作答/);
    assert.match(reminder, /还剩 4天23小时（2026-11-09 09:00 截止）/);
    const fresh = linkIn([messages[2]!]);
    assert.notEqual(fresh, first, 'a link of its own');
    for (const link of [first, fresh]) assert.equal((await fetch(link)).status, 200, 'both links open it');
    assert.equal(slackDirect(h, ANSWERS).length, 2, 'who answered is not reminded');
    const audit = await h.zhiban.models.AuditEvent.find({ action: 'survey.remind' }).lean();
    assert.deepEqual(
      audit.map((a) => [a.objectId, a.actor, a.via]),
      [['SRV-1', 'system', 'job']],
    );

    await sweepAt(new Date(sentAt.getTime() + 3 * DAY));
    assert.equal(slackDirect(h, SILENT).length, 3, 'one reminder only');
  });

  it('closes after seven days: the cards say so, offer nothing to click, and the link shows it', async function () {
    const link = linkIn(slackDirect(h, ANSWERS));
    await sweepAt(new Date(sentAt.getTime() + 7 * DAY + 60_000));
    const surveys = await h.zhiban.models.Survey.find().sort({ _id: 1 }).lean<Survey[]>();
    assert.deepEqual(
      surveys.map((s) => s.state),
      ['closed', 'closed'],
    );
    const [ratings, loyalty] = slackDirect(h, ANSWERS);
    assert.match(slackText(ratings!), /满意度调查 SRV-2（已结束）/);
    assert.match(slackText(ratings!), /你的评分：4 \/ 5/, 'with the answers it got');
    assert.doesNotMatch(slackText(ratings!), /survey\.(rate|comment)|\/s\//, 'nothing to click, no link');
    assert.doesNotMatch(slackText(loyalty!), /survey\.rate/);
    const page = await fetch(link);
    assert.equal(page.status, 410);
    const html = await page.text();
    assert.match(html, /满意度调查 SRV-2（已结束）/);
    assert.match(html, /总体满意度: 4 \/ 5/);
    assert.doesNotMatch(html, /<form/);

    const late = await clickInDirect(h, ANSWERS, 'survey.rate', 'SRV-2:overall:1');
    assert.match(JSON.stringify(late.body), /SRV-2 已于 2026-11-09 09:01 结束，不能再作答/);
    assert.equal((await h.zhiban.models.Survey.findById('SRV-2').lean())?.answers.overall, 4);
  });
});
