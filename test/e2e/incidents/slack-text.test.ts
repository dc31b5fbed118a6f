// What Slack really sends (issue 9, parts 1 and 2): text Slack has already escaped, and a title of
// emoji, through the real Bolt app to the incidents channel, `/incident show`, Discord and the web.
import { strict as assert } from 'node:assert';
import { plainText } from '../../../src/chat/neutral-text.js';
import { ADMIN_SLACK, Harness } from '../../support/harness.js';
import { cardTitle, replyText, slackCommand } from '../../support/slack-user.js';

const CHANNEL = 'CINCTEXT01';
const TYPED = 'Login & SSO fail when header > 8KB <edge-proxy>';
const AS_SLACK_SENDS = 'Login &amp; SSO fail when header &gt; 8KB &lt;edge-proxy&gt;';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

describe('Slack: text as Slack sends it', function () {
  let h: Harness;

  before(async function () {
    h = await Harness.start({ label: 'slack-text', slack: true });
    await slackCommand(h, 'channel set incidents', { userId: ADMIN_SLACK, channelId: CHANNEL });
  });

  after(async function () {
    await h?.stop();
  });

  const posted = (id: string) =>
    h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.channel === CHANNEL && !c.body.thread_ts && replyText(c.body).includes(id),
    });

  it('stores & > < as typed, shows them once-escaped on Slack, and never twice in /incident show', async function () {
    await slackCommand(h, `declare P3 technical ${AS_SLACK_SENDS}`, { command: '/incident' });
    const incident = await h.zhiban.models.Incident.findById('INC-1').lean();
    assert.equal(incident?.title, TYPED, 'the stored title is what the person typed');
    const card = await posted('INC-1');
    assert.equal(cardTitle(card.body), `[P3] INC-1 · ${TYPED}`, 'the header is plain text, shown as typed');
    assert.doesNotMatch(JSON.stringify(card.body), /&amp;amp;|&amp;gt;|&amp;lt;/);
    const show = await slackCommand(h, 'show INC-1', { command: '/incident' });
    const shown = replyText(show.reply);
    assert.match(shown, /Login &amp; SSO fail when header &gt; 8KB &lt;edge-proxy&gt;/);
    assert.doesNotMatch(shown, /&amp;amp;|&amp;gt;|&amp;lt;/);
  });

  it('keeps a mention in an update a mention on Slack and turns @channel into words', async function () {
    await slackCommand(h, 'update INC-1 <@U0ALICE01|alice> please check <!channel>', {
      command: '/incident',
      userId: ADMIN_SLACK,
    });
    const line = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) =>
        c.body.channel === CHANNEL && Boolean(c.body.thread_ts) && /please check/.test(String(c.body.text)),
    });
    assert.match(String(line.body.text), /<@U0ALICE01> please check @channel/);
    assert.doesNotMatch(String(line.body.text), /<!channel>/, 'nothing a person typed becomes a live @channel');
    const stored = await h.zhiban.models.Incident.findById('INC-1').lean();
    const update = stored!.timeline.find((entry) => /please check/.test(entry.text ?? ''));
    assert.equal(plainText(update!.text!), '@alice please check @channel');
  });

  it('cuts a title of 80 fire emoji on a whole emoji, marked …, in the header Slack gets', async function () {
    await slackCommand(h, `declare P4 routine x${'🔥'.repeat(80)}`, { command: '/incident' });
    const card = await posted('INC-2');
    const header = cardTitle(card.body);
    assert.ok(header.length <= 150, `${header.length} units`);
    assert.ok(header.endsWith('🔥…'), header);
    assert.doesNotMatch(header, LONE_SURROGATE);
    assert.doesNotMatch(JSON.stringify(card.body.attachments), /\\ud83d"|\\ud83d…/i);
  });
});
