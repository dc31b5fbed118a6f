// Answering a survey on Slack: the person asked rates with the buttons in their DM, the clicked card
// changes in place and shows the choice, a second rating replaces the first; the comment form; and
// what is refused, privately, storing nothing: a click from someone else, a forged value (another
// survey's id, question `x`, score `99`), a closed survey. Many clicks at once end in one consistent card.
import { strict as assert } from 'node:assert';
import type { Survey } from '../../../models/surveys/survey.js';
import { Harness } from '../../support/harness.js';
import { waitUntilSent } from '../../support/outbox-world.js';
import { slackClickOpeningForm, slackCommand, submitLastModal } from '../../support/slack-user.js';
import { clickInDirect, slackDirect, slackDirectOnce, slackText } from '../../support/survey-world.js';
import { waitUntil } from '../../support/wait-until.js';

const ASKED = 'UASKED0001';
const OTHER = 'UASKED0002';
const SUPPORT = 'USUPPORT01';

describe('Surveys: answering in chat', function () {
  this.timeout(60_000);
  let h: Harness;
  const survey = async (id: string) => (await h.zhiban.models.Survey.findById(id).lean<Survey>())!;
  const reply = (call: { body: Record<string, unknown> }) => JSON.stringify(call.body);

  before(async function () {
    h = await Harness.start({ label: 'survey-answers', slack: true });
    await h.zhiban.models.UserProfile.create({ _id: `slack:${SUPPORT}`, roles: ['support'] });
    for (const person of [ASKED, OTHER]) {
      await slackCommand(h, `send slack:${person}`, { command: '/survey', userId: SUPPORT });
      await slackDirectOnce(h, person, 2);
    }
    await waitUntilSent(h, /^survey:/);
  });

  after(async function () {
    await h?.stop();
  });

  it('takes a rating from the person asked and shows it on the card, changed in place', async function () {
    const answer = await clickInDirect(h, ASKED, 'survey.rate', 'SRV-1:timeliness:4');
    assert.equal(answer.body.replace_original, true);
    assert.match(reply(answer), /你的评分：4 \/ 5/);
    const stored = await survey('SRV-1');
    assert.deepEqual(stored.answers, { timeliness: 4 });
    assert.ok(stored.answeredAt);
    const audit = await h.zhiban.models.AuditEvent.findOne({ objectId: 'SRV-1', action: 'survey.rate' }).lean();
    assert.deepEqual(
      [audit?.actor, audit?.before, audit?.after],
      [`slack:${ASKED}`, { timeliness: null }, { timeliness: 4 }],
    );
    await waitUntilSent(h, 'survey:SRV-1');
    assert.match(slackText(slackDirect(h, ASKED)[0]!), /你的评分：4 \/ 5/, 'the card in the DM is edited too');
  });

  it('replaces a rating with a second one, and takes loyalty from its own card', async function () {
    const again = await clickInDirect(h, ASKED, 'survey.rate', 'SRV-1:timeliness:2');
    assert.match(reply(again), /你的评分：2 \/ 5/);
    const loyalty = await clickInDirect(h, ASKED, 'survey.rate', 'SRV-1:loyalty:0');
    assert.match(reply(loyalty), /信任与依赖/);
    assert.match(reply(loyalty), /你的评分：0 \/ 10/);
    assert.deepEqual((await survey('SRV-1')).answers, { timeliness: 2, loyalty: 0 });
  });

  it('refuses a click from anyone else, to them alone, records it, and stores nothing', async function () {
    const before = await survey('SRV-1');
    const refused = await clickInDirect(h, ASKED, 'survey.rate', 'SRV-1:quality:5', OTHER);
    assert.equal(refused.body.response_type, 'ephemeral');
    assert.notEqual(refused.body.replace_original, true, 'the card is left as it was');
    assert.match(reply(refused), /SRV-1 是发给别人的，只有收到它的人可以作答/);
    const after = await survey('SRV-1');
    assert.deepEqual([after.answers, after.version], [before.answers, before.version]);
    const audit = await h.zhiban.models.AuditEvent.findOne({ objectId: 'SRV-1', outcome: 'refused' }).lean();
    assert.deepEqual(
      [audit?.actor, audit?.action, audit?.reasonCode],
      [`slack:${OTHER}`, 'survey.rate', 'survey_not_addressee'],
    );
  });

  it('refuses forged values — another survey’s id, question x, score 99 — and stores nothing', async function () {
    const before = await Promise.all(['SRV-1', 'SRV-2'].map(survey));
    const cases: Array<[string, RegExp]> = [
      ['SRV-2:quality:5', /SRV-2 是发给别人的/],
      ['SRV-1:x:4', /「SRV-1:x:4」不是这份调查提供的评分/],
      ['SRV-1:quality:99', /「SRV-1:quality:99」不是这份调查提供的评分/],
      ['SRV-1:loyalty:11', /不是这份调查提供的评分/],
      ['SRV-999:quality:3', /没有找到调查 SRV-999/],
    ];
    for (const [value, expected] of cases) {
      const refused = await clickInDirect(h, ASKED, 'survey.rate', value);
      assert.equal(refused.body.response_type, 'ephemeral', value);
      assert.match(reply(refused), expected, value);
    }
    const comment = await clickInDirect(h, ASKED, 'survey.comment', 'SRV-1:x');
    assert.match(reply(comment), /不是这份调查提供的评分/);
    const after = await Promise.all(['SRV-1', 'SRV-2'].map(survey));
    assert.deepEqual(
      after.map((s) => [s.answers, s.version]),
      before.map((s) => [s.answers, s.version]),
    );
  });

  it('takes a comment through its form and shows it on the card', async function () {
    const opened = await slackClickOpeningForm(h, 'survey.comment', 'SRV-1', ASKED);
    assert.equal((opened.body.view as { callback_id: string }).callback_id, 'survey.comment');
    const told = h.slack!.callsTo('chat.postEphemeral').length;
    await submitLastModal(h, { comment: '处理很及时，但通知晚了' }, ASKED);
    const said = await h.slack!.waitFor('chat.postEphemeral', { count: told + 1 });
    assert.match(JSON.stringify(said.body), /已保存你对 SRV-1 的意见/);
    assert.equal((await survey('SRV-1')).comment, '处理很及时，但通知晚了');
    await waitUntil(
      async () => /处理很及时，但通知晚了/.test(slackText(slackDirect(h, ASKED)[0]!)) || undefined,
      'the comment on the card',
    );
  });

  it('ends many clicks at once with the card showing what is stored', async function () {
    const scores = [1, 2, 3, 4, 5];
    await Promise.all(scores.map((s) => clickInDirect(h, OTHER, 'survey.rate', `SRV-2:overall:${s}`)));
    const stored = (await survey('SRV-2')).answers.overall;
    assert.ok(scores.includes(stored!));
    assert.equal((await survey('SRV-2')).version, 5, 'every click was one update');
    await waitUntilSent(h, 'survey:SRV-2');
    const card = slackText(slackDirect(h, OTHER)[0]!);
    assert.match(card, new RegExp(`你的评分：${stored} / 5`), 'the last card sent shows the stored rating');
  });

  it('refuses an answer once the survey has closed', async function () {
    await h.zhiban.models.Survey.updateOne(
      { _id: 'SRV-2' },
      { $set: { state: 'closed', closedAt: new Date('2026-11-09T02:00:00Z') } },
    );
    const refused = await clickInDirect(h, OTHER, 'survey.rate', 'SRV-2:quality:3');
    assert.match(reply(refused), /SRV-2 已于 2026-11-09 10:00 结束，不能再作答/);
    assert.equal((await survey('SRV-2')).answers.quality, undefined);
  });
});
