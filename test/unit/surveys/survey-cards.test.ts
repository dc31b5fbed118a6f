// A survey as its person sees it: the three service ratings with the comment and the browser link in
// one message, loyalty 0–10 in another (so each stays within Discord's 25 buttons, one row per
// question), the chosen score highlighted and written on the card, nothing to click once closed;
// and the same survey as its page, escaped, the answers so far chosen.
import { strict as assert } from 'node:assert';
import type { Message } from '../../../src/chat/card.js';
import { toDiscordMessage } from '../../../src/chat/discord/components.js';
import { toSlackMessage } from '../../../src/chat/slack/block-kit.js';
import { Translator } from '../../../src/kernel/i18n.js';
import { reminderMessage } from '../../../src/domains/surveys/cards/reminder.js';
import { loyaltyMessage, ratingsMessage } from '../../../src/domains/surveys/cards/survey.js';
import { readPageAnswer } from '../../../src/domains/surveys/page/page-answer.js';
import { closedPage, surveyPage } from '../../../src/domains/surveys/page/survey-page.js';
import { aSurvey } from '../../support/survey-mother.js';

const translator = new Translator('zh-CN');
const zh = translator.forLocale('zh-CN');
const en = translator.forLocale('en');
const ZONE = 'Asia/Shanghai';
const LINK = 'https://ops.example.gov/s/abc';

const buttons = (m: Message) =>
  (m.cards ?? []).flatMap((c) => (c.buttons ?? []).map((b) => `${b.actionId}:${b.value}`));

describe('survey cards', () => {
  it('asks the three service ratings 1–5, offers the comment and the browser link, in one message', () => {
    const m = ratingsMessage(zh, aSurvey(), { link: LINK, timezone: ZONE });
    assert.deepEqual(
      m.cards!.map((c) => c.title),
      ['满意度调查 SRV-1', '服务时效', '服务质量', '总体满意度', '意见（可选）'],
    );
    assert.match(m.cards![0]!.text!, /INC-1「统一身份认证无法登录」已处理完毕/);
    assert.match(m.cards![0]!.text!, /2026-11-09 10:00 前可随时修改/, 'open a week, in the team’s time zone');
    assert.deepEqual(m.cards![0]!.link, { label: '改在浏览器中填写', url: LINK });
    assert.deepEqual(buttons(m), [
      ...[1, 2, 3, 4, 5].map((s) => `survey.rate:SRV-1:timeliness:${s}`),
      ...[1, 2, 3, 4, 5].map((s) => `survey.rate:SRV-1:quality:${s}`),
      ...[1, 2, 3, 4, 5].map((s) => `survey.rate:SRV-1:overall:${s}`),
      'survey.comment:SRV-1',
    ]);
  });

  it('asks loyalty 0–10 in a message of its own', () => {
    const m = loyaltyMessage(zh, aSurvey());
    assert.equal(m.cards![0]!.title, '信任与依赖');
    assert.match(m.cards![0]!.text!, /0 = 完全不可能，10 = 非常可能/);
    assert.deepEqual(
      buttons(m),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => `survey.rate:SRV-1:loyalty:${s}`),
    );
  });

  it('keeps each message within Discord’s buttons, one row per 1–5 question', () => {
    const ratings = toDiscordMessage(ratingsMessage(zh, aSurvey(), { link: LINK, timezone: ZONE }));
    assert.deepEqual(
      ratings.components.map((row) => row.components.map((b) => b.custom_id.split(':').slice(2).join(':'))),
      [
        ['timeliness:1', 'timeliness:2', 'timeliness:3', 'timeliness:4', 'timeliness:5'],
        ['quality:1', 'quality:2', 'quality:3', 'quality:4', 'quality:5'],
        ['overall:1', 'overall:2', 'overall:3', 'overall:4', 'overall:5'],
        [''],
      ],
    );
    const loyalty = toDiscordMessage(loyaltyMessage(zh, aSurvey()));
    assert.deepEqual(
      loyalty.components.map((row) => row.components.length),
      [5, 5, 1],
    );
    assert.match(JSON.stringify(ratings.embeds[0]), /https:\/\/ops\.example\.gov\/s\/abc/);
  });

  it('gives each question its own attachment and buttons on Slack', () => {
    const slack = toSlackMessage(ratingsMessage(zh, aSurvey(), { timezone: ZONE })) as unknown as {
      attachments: Array<{ blocks: Array<{ type: string; elements?: Array<{ value?: string }> }> }>;
    };
    const actions = slack.attachments.map((a) => a.blocks.find((b) => b.type === 'actions')?.elements?.length ?? 0);
    assert.deepEqual(actions, [0, 5, 5, 5, 1]);
  });

  it('shows what was chosen: the score on the card and its button highlighted', () => {
    const survey = aSurvey({ answers: { timeliness: 4, loyalty: 9 }, comment: '响应很快' });
    const m = ratingsMessage(zh, survey, { timezone: ZONE });
    const timeliness = m.cards![1]!;
    assert.match(timeliness.text!, /你的评分：4 \/ 5/);
    assert.deepEqual(
      timeliness.buttons!.filter((b) => b.style === 'primary').map((b) => b.label),
      ['4'],
    );
    assert.match(m.cards![2]!.text!, /尚未评分/);
    assert.equal(m.cards![4]!.text, '响应很快');
    assert.equal(m.cards![4]!.buttons![0]!.label, '修改意见');
    const loyalty = loyaltyMessage(zh, survey).cards![0]!;
    assert.match(loyalty.text!, /你的评分：9 \/ 10/);
    assert.deepEqual(
      loyalty.buttons!.filter((b) => b.style === 'primary').map((b) => b.value),
      ['SRV-1:loyalty:9'],
    );
  });

  it('offers nothing to click once closed, and says when it closed', () => {
    const survey = aSurvey({
      state: 'closed',
      closedAt: new Date('2026-11-09T02:00:00Z'),
      answers: { overall: 5 },
    });
    const m = ratingsMessage(zh, survey, { link: LINK, timezone: ZONE });
    assert.equal(m.cards![0]!.title, '满意度调查 SRV-1（已结束）');
    assert.match(m.cards![0]!.text!, /已于 2026-11-09 10:00 结束/);
    assert.equal(m.cards![0]!.link, undefined, 'no link to a closed survey');
    assert.deepEqual(buttons(m), []);
    assert.deepEqual(buttons(loyaltyMessage(zh, survey)), []);
    assert.match(m.cards![3]!.text!, /你的评分：5 \/ 5/);
  });

  it('speaks the reader’s language', () => {
    const m = ratingsMessage(en, aSurvey({ incident: undefined }), { timezone: ZONE });
    assert.equal(m.cards![0]!.title, 'Satisfaction survey SRV-1');
    assert.match(m.cards![0]!.text!, /How did we do with the service we gave you lately/);
    assert.equal(m.cards![1]!.title, 'Timeliness of service');
  });

  it('reminds with how long is left and a fresh link', () => {
    const survey = aSurvey();
    const m = reminderMessage(zh, survey, new Date(survey.sentAt.getTime() + 2 * 86_400_000), LINK, ZONE);
    assert.equal(m.cards![0]!.title, '提醒：满意度调查 SRV-1 还在等你作答');
    assert.match(m.cards![0]!.text!, /还剩 5天0小时（2026-11-09 10:00 截止）/);
    assert.equal(m.cards![0]!.link?.url, LINK);
  });
});

describe('survey page', () => {
  it('escapes what people wrote and has the answers so far chosen', () => {
    const survey = aSurvey({
      incident: { id: 'INC-9', title: '<script>alert(1)</script>', category: 'technical', severity: 'P2' },
      answers: { quality: 3, loyalty: 10 },
      comment: '"quoted" & <b>',
    });
    const html = surveyPage(zh, 'zh-CN', survey, 'TOKEN_abc', {}, ZONE);
    assert.ok(!html.includes('<script>alert(1)</script>'), 'no markup from an incident title');
    assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
    assert.match(html, /<html lang="zh-CN">/);
    assert.match(html, /<form method="post" action="\.\/TOKEN_abc">/);
    assert.match(html, /name="quality" value="3" checked/);
    assert.match(html, /name="loyalty" value="10" checked/);
    assert.doesNotMatch(html, /name="timeliness" value="\d+" checked/);
    assert.match(html, /<textarea[^>]*>&#34;quoted&#34; &#38; &#60;b&#62;<\/textarea>/);
    assert.doesNotMatch(html, /<script/, 'the page needs no script');
  });

  it('shows a closed survey plainly, with the answers it got', () => {
    const html = closedPage(en, 'en', aSurvey({ state: 'closed', answers: { overall: 4 } }), ZONE);
    assert.match(html, /Satisfaction survey SRV-1 \(closed\)/);
    assert.match(html, /Overall satisfaction: 4 \/ 5/);
    assert.match(html, /Timeliness of service: Not rated yet/);
    assert.doesNotMatch(html, /<form/);
  });

  it('reads the form strictly: a score off its scale or a long comment is an error, and nothing is taken', () => {
    assert.deepEqual(readPageAnswer({ timeliness: '4', loyalty: '0', comment: ' ok ' }, zh), {
      ok: true,
      change: { ratings: { timeliness: 4, loyalty: 0 }, comment: ' ok ' },
    });
    assert.deepEqual(readPageAnswer({ quality: '' }, zh), { ok: true, change: { ratings: {} } });
    for (const bad of [
      { timeliness: '9' },
      { quality: '0' },
      { loyalty: '11' },
      { overall: 'x' },
      { overall: ['1', '2'] },
    ]) {
      const read = readPageAnswer(bad, zh);
      assert.equal(read.ok, false, JSON.stringify(bad));
      if (!read.ok) assert.match(read.error, /请选择 \d+ 到 \d+ 之间的整数/);
    }
    const long = readPageAnswer({ comment: '长'.repeat(2001) }, zh);
    assert.equal(long.ok, false);
    if (!long.ok) assert.match(long.error, /意见最多 2000 个字符/);
  });
});
