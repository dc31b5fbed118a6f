// The outbox end to end: Notifier → database → sender → real Bolt WebClient and discord.js →
// fake Slack and Discord. Cards are posted once, edited in place, and their updates go to a thread.
import { strict as assert } from 'node:assert';
import { Harness } from '../../support/harness.js';
import { aCard, bindChannel, holdChannel, waitUntilSent } from '../../support/outbox-world.js';
import { cardTitle } from '../../support/slack-user.js';

describe('Outbox: cards and threads', function () {
  let h: Harness;
  let discordChannel: string;
  const postsTo = (channel: string) => h.slack!.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);
  const discordPosts = (channel: string) => h.discord!.callsTo('POST', new RegExp(`/channels/${channel}/messages$`));

  before(async function () {
    h = await Harness.start({ label: 'outbox-cards', slack: true, discord: true });
    discordChannel = h.discord!.channelIds[0]!;
    await bindChannel(h, 'discord', 'incidents', discordChannel);
  });

  after(async function () {
    await h?.stop();
  });

  it('posts a card once on each platform, then edits it in place', async function () {
    await bindChannel(h, 'slack', 'incidents', 'CCARD0001');
    await h.zhiban.notifier.showCard('incidents', 'incident:INC-1', aCard('INC-1 declared'));
    const post = await h.slack!.waitFor('chat.postMessage', { predicate: (c) => c.body.channel === 'CCARD0001' });
    assert.equal(cardTitle(post.body), 'INC-1 declared');
    const ts = (post.response as { ts: string }).ts;
    await h.discord!.waitForCall('POST', new RegExp(`/channels/${discordChannel}/messages$`), {
      predicate: (c) => JSON.stringify(c.body).includes('INC-1 declared'),
    });
    await waitUntilSent(h, 'incident:INC-1');
    const discordId = await discordCard(h, 'incident:INC-1', 'INC-1 declared');
    const ref = await h.zhiban.models.MessageRef.findOne({ platform: 'slack', subject: 'incident:INC-1' }).lean();
    assert.deepEqual([ref?.channelId, ref?.messageId], ['CCARD0001', ts]);

    await h.zhiban.notifier.showCard('incidents', 'incident:INC-1', aCard('INC-1 acknowledged'));
    const update = await h.slack!.waitFor('chat.update', { predicate: (c) => c.body.ts === ts });
    assert.equal(update.body.channel, 'CCARD0001');
    assert.equal(cardTitle(update.body), 'INC-1 acknowledged');
    const patch = await h.discord!.waitForCall(
      'PATCH',
      new RegExp(`/channels/${discordChannel}/messages/${discordId}$`),
    );
    assert.match(JSON.stringify(patch.body), /INC-1 acknowledged/);
    await waitUntilSent(h, 'incident:INC-1');
    assert.equal(postsTo('CCARD0001').length, 1, 'one card on Slack');
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    assert.match(metrics, /zhiban_outbox_sent_total\{platform="slack",op="edit"\} 1/);
    assert.match(metrics, /zhiban_outbox_pending \d+/);
    assert.equal(discordPosts(discordChannel).filter((c) => JSON.stringify(c.body).includes('INC-1')).length, 1);
  });

  it('puts updates in the card’s thread: thread_ts on Slack, one thread opened from the card on Discord', async function () {
    await bindChannel(h, 'slack', 'incidents', 'CTHREAD01');
    await h.zhiban.notifier.showCard('incidents', 'incident:INC-2', aCard('INC-2 declared'));
    await h.zhiban.notifier.addToThread('incidents', 'incident:INC-2', aCard('INC-2 step one'));
    await h.zhiban.notifier.addToThread('incidents', 'incident:INC-2', aCard('INC-2 step two'));
    await waitUntilSent(h, 'incident:INC-2');

    const [card, one, two] = postsTo('CTHREAD01');
    const ts = (card!.response as { ts: string }).ts;
    assert.equal(card!.body.thread_ts, undefined);
    assert.deepEqual([cardTitle(one!.body), one!.body.thread_ts], ['INC-2 step one', ts]);
    assert.deepEqual([cardTitle(two!.body), two!.body.thread_ts], ['INC-2 step two', ts]);

    const cardId = await discordCard(h, 'incident:INC-2', 'INC-2 declared');
    const opened = h.discord!.callsTo('POST', /\/threads$/).filter((c) => c.path.includes(`/messages/${cardId}/`));
    assert.equal(opened.length, 1, 'the thread is opened once');
    assert.equal((opened[0]!.body as { name: string }).name, 'INC-2');
    const thread = h.discord!.thread(cardId);
    assert.equal(thread?.parent_id, discordChannel);
    const inThread = discordPosts(thread!.id).map((c) => JSON.stringify(c.body));
    assert.equal(inThread.length, 2);
    assert.match(inThread[0]!, /INC-2 step one/);
    assert.match(inThread[1]!, /INC-2 step two/);
    const ref = await h.zhiban.models.MessageRef.findOne({ platform: 'discord', subject: 'incident:INC-2' }).lean();
    assert.equal(ref?.threadId, cardId);
  });

  it('sends a thread line to the channel itself when the subject has no card', async function () {
    await bindChannel(h, 'slack', 'alerts', 'CNOCARD01');
    await h.zhiban.notifier.addToThread('alerts', 'alert:ALG-1', aCard('ALG-1 fired'));
    await waitUntilSent(h, 'alert:ALG-1');
    const [line] = postsTo('CNOCARD01');
    assert.equal(cardTitle(line!.body), 'ALG-1 fired');
    assert.equal(line?.body.thread_ts, undefined);
  });

  it('sends a card changed five times before it went out once, with its last content', async function () {
    await bindChannel(h, 'slack', 'incidents', 'CCOALESC1');
    const letGoSlack = await holdChannel(h, 'slack', 'CCOALESC1');
    const letGoDiscord = await holdChannel(h, 'discord', discordChannel);
    for (let i = 1; i <= 5; i++) {
      await h.zhiban.notifier.showCard('incidents', 'incident:INC-3', aCard(`INC-3 version ${i}`));
    }
    const waiting = await h.zhiban.models.OutboxMessage.find({ subject: 'incident:INC-3' }).lean();
    assert.equal(waiting.length, 2, 'one message per platform');
    assert.ok(
      waiting.every((m) => m.state === 'pending' && (m.message as { text: string }).text === 'INC-3 version 5'),
    );

    await letGoSlack();
    await letGoDiscord();
    await waitUntilSent(h, /^(incident:INC-3|test:hold)/);
    assert.deepEqual(
      postsTo('CCOALESC1').map((c) => cardTitle(c.body)),
      ['held', 'INC-3 version 5'],
    );
    assert.equal(h.slack!.callsTo('chat.update').filter((c) => c.body.channel === 'CCOALESC1').length, 0);
    const onDiscord = discordPosts(discordChannel).filter((c) => JSON.stringify(c.body).includes('INC-3'));
    assert.equal(onDiscord.length, 1);
    assert.match(JSON.stringify(onDiscord[0]!.body), /INC-3 version 5/);
  });

  it('stores nothing for a kind without a bound channel', async function () {
    await h.zhiban.notifier.showCard('backups', 'backup:daily', aCard('backups'));
    assert.equal(await h.zhiban.models.OutboxMessage.countDocuments({ subject: 'backup:daily' }), 0);
  });

  it('edits, not posts again, when a second post of a card is queued behind the first', async function () {
    // What two processes storing the same first card at once leave in the outbox.
    await bindChannel(h, 'slack', 'approvals', 'CRACE0001');
    const letGo = await holdChannel(h, 'slack', 'CRACE0001');
    const model = h.zhiban.models.OutboxMessage;
    await h.zhiban.notifier.showCard('approvals', 'restore:RST-1', aCard('RST-1 v1'));
    const second = { platform: 'slack', channelId: 'CRACE0001', subject: 'restore:RST-1', op: 'post' as const };
    await model.enqueue({ ...second, message: aCard('RST-1 v2'), createdAt: new Date() });
    await letGo();
    await waitUntilSent(h, /^(restore:RST-1|test:hold)/);
    assert.deepEqual(
      postsTo('CRACE0001').map((c) => cardTitle(c.body)),
      ['held', 'RST-1 v1'],
    );
    const [update] = h.slack!.callsTo('chat.update').filter((c) => c.body.channel === 'CRACE0001');
    assert.equal(cardTitle(update!.body), 'RST-1 v2');
  });
});

/** The Discord message the outbox remembers as the subject's card, checked against what the fake holds. */
async function discordCard(h: Harness, subject: string, text: string): Promise<string> {
  const ref = await h.zhiban.models.MessageRef.findOne({ platform: 'discord', subject }).lean();
  assert.ok(ref, `a Discord card for ${subject}`);
  assert.match(JSON.stringify(h.discord!.message(ref.messageId)), new RegExp(text));
  return ref.messageId;
}
