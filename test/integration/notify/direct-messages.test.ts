// Telling one person privately (Notifier.tell): stored in the outbox, then said in their direct
// conversation with Zhiban — Slack opens it with conversations.open, Discord with its DM channel,
// the web console in the person's own direct channel — and nothing for a platform Zhiban does not speak.
import { strict as assert } from 'node:assert';
import { Harness } from '../../support/harness.js';
import { aCard, waitUntilSent } from '../../support/outbox-world.js';
import { cardTitle } from '../../support/slack-user.js';
import { WebUser } from '../../support/web-user.js';

describe('Outbox: a word to one person', function () {
  let h: Harness;

  before(async function () {
    h = await Harness.start({ label: 'outbox-direct', slack: true, discord: true, env: { WEB_CONSOLE: 'on' } });
  });

  after(async function () {
    await h?.stop();
  });

  it('says it on Slack in the direct conversation it opens with the person', async function () {
    await h.zhiban.notifier.tell('slack:UDIRECT01', 'notice:one', aCard('For you alone'));
    await waitUntilSent(h, 'notice:one');
    const opened = h.slack!.callsTo('conversations.open');
    assert.deepEqual(
      opened.map((c) => c.body.users),
      ['UDIRECT01'],
    );
    const posts = h.slack!.callsTo('chat.postMessage').filter((c) => c.body.channel === 'DUDIRECT01');
    assert.equal(posts.length, 1);
    assert.equal(cardTitle(posts[0]!.body), 'For you alone');
  });

  it('says it on Discord in the bot’s DM channel with the person', async function () {
    await h.zhiban.notifier.tell('discord:400000000000000077', 'notice:two', aCard('Only yours'));
    await waitUntilSent(h, 'notice:two');
    const opened = h.discord!.callsTo('POST', /\/users\/@me\/channels$/);
    assert.deepEqual(
      opened.map((c) => (c.body as { recipient_id: string }).recipient_id),
      ['400000000000000077'],
    );
    const said = h.discord!.directPosts('400000000000000077');
    assert.equal(said.length, 1);
    assert.match(JSON.stringify(said[0]), /Only yours/);
  });

  it('says it on the web console in the person’s direct channel, which nobody else sees', async function () {
    await h.zhiban.notifier.tell('web:dora', 'notice:three', aCard('Dora only'));
    await waitUntilSent(h, 'notice:three');
    const dora = await WebUser.signIn(h.url, 'dora');
    const mine = await dora.history('dm:dora');
    assert.equal(mine.status, 200);
    assert.ok(mine.body.messages.some((m) => JSON.stringify(m.message).includes('Dora only')));
    const eve = await WebUser.signIn(h.url, 'eve');
    assert.equal((await eve.history('dm:dora')).status, 404, 'another person does not find it');
  });

  it('stores nothing for a platform Zhiban does not speak', async function () {
    await h.zhiban.notifier.tell('feishu:ou_123', 'notice:four', aCard('Nowhere'));
    assert.equal(await h.zhiban.models.OutboxMessage.countDocuments({ subject: 'notice:four' }), 0);
  });
});
