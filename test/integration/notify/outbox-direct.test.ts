// Telling one person privately (Notifier.tellPerson): stored in the outbox like any message, sent
// once to their direct conversation on their own platform — a Slack DM (chat.postMessage to the user
// id), a Discord DM (opened with POST /users/@me/channels), the web console's `dm:<name>` — edited
// there in place, in that person's language, and still sent after a restart.
import { strict as assert } from 'node:assert';
import { queuedWebMessages } from '../../../src/chat/web/queued-messages.js';
import type { Translate } from '../../../src/kernel/i18n.js';
import { Harness } from '../../support/harness.js';
import { aCard, holdChannel, waitUntilSent } from '../../support/outbox-world.js';
import { cardTitle } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';

describe('Outbox: telling one person privately', function () {
  let h: Harness;
  const slackPosts = (channel: string) =>
    h.slack!.callsTo('chat.postMessage').filter((c) => c.body.channel === channel && c.status === 200);
  /** Says “not done” in whatever language it is put into: the reader's language shows. */
  const notDone = (t: Translate) => ({ text: t('errors.title') });

  before(async function () {
    h = await Harness.start({ label: 'outbox-direct', slack: true, discord: true, env: { WEB_CONSOLE: 'on' } });
  });

  after(async function () {
    await h?.stop();
  });

  it('posts to the person’s Slack DM by their user id, then edits it there in place', async function () {
    assert.equal(await h.zhiban.notifier.tellPerson('slack:UDIRECT01', 'test:dm-1', aCard('first')), true);
    const post = await h.slack!.waitFor('chat.postMessage', { predicate: (c) => c.body.channel === 'UDIRECT01' });
    const { channel, ts } = post.response as { channel: string; ts: string };
    assert.match(channel, /^D/, 'Slack answers with the direct conversation');
    assert.equal(channel, h.slack!.directChannelOf('UDIRECT01'));
    await waitUntilSent(h, 'test:dm-1');
    const ref = await h.zhiban.models.MessageRef.findOne({ platform: 'slack', subject: 'test:dm-1' }).lean();
    assert.deepEqual([ref?.channelId, ref?.messageId], [channel, ts]);

    await h.zhiban.notifier.tellPerson('slack:UDIRECT01', 'test:dm-1', aCard('second'));
    const update = await h.slack!.waitFor('chat.update', { predicate: (c) => c.body.ts === ts });
    assert.equal(update.body.channel, channel, 'edited in the conversation Slack named');
    assert.equal(cardTitle(update.body), 'second');
    await waitUntilSent(h, 'test:dm-1');
    assert.equal(slackPosts('UDIRECT01').length, 1, 'posted once');
    assert.equal(h.slack!.messagesIn(channel).length, 1);
  });

  it('opens the Discord DM once and posts and edits the card in it', async function () {
    const person = '400000000000000777';
    await h.zhiban.notifier.tellPerson(`discord:${person}`, 'test:dm-2', aCard('hello'));
    await waitUntilSent(h, 'test:dm-2');
    const dm = h.discord!.directChannelOf(person);
    assert.ok(dm, 'a direct conversation was opened');
    const opened = h.discord!.callsTo('POST', /\/users\/@me\/channels$/);
    assert.deepEqual(
      opened.map((c) => c.body),
      [{ recipient_id: person }],
    );
    const [posted] = h.discord!.posts(dm);
    assert.match(JSON.stringify(posted?.embeds), /hello/);

    await h.zhiban.notifier.tellPerson(`discord:${person}`, 'test:dm-2', aCard('changed'));
    await h.zhiban.notifier.tellPerson(`discord:${person}`, 'test:dm-3', aCard('another'));
    await waitUntilSent(h, /^test:dm-[23]$/);
    assert.match(JSON.stringify(h.discord!.message(posted!.id)?.embeds), /changed/, 'edited in place');
    assert.equal(h.discord!.posts(dm).length, 2, 'one card per subject');
    assert.equal(h.discord!.callsTo('POST', /\/users\/@me\/channels$/).length, 1, 'the conversation is opened once');
  });

  it('puts it in the web console’s direct messages of that person, which only they see', async function () {
    await h.zhiban.notifier.tellPerson('web:carol', 'test:dm-4', aCard('for carol'));
    await waitUntilSent(h, 'test:dm-4');
    const stored = await h.zhiban.models.WebMessage.find({ channelId: 'dm:carol' }).lean();
    assert.equal(stored.length, 1);
    assert.match(JSON.stringify(stored[0]!.message), /for carol/);
    assert.equal(stored[0]!.audience, undefined, 'the channel is hers alone; no audience needed');
  });

  it('counts what is on its way to a person as queued for their console direct messages', async function () {
    const release = await holdChannel(h, 'web', '@dave');
    await h.zhiban.notifier.tellPerson('web:dave', 'test:dm-9', aCard('for dave'));
    assert.equal((await queuedWebMessages(h.zhiban.models.OutboxMessage)).get('dm:dave'), 2);
    await release();
    await waitUntilSent(h, 'test:dm-9');
    assert.equal((await queuedWebMessages(h.zhiban.models.OutboxMessage)).get('dm:dave'), undefined);
  });

  it('speaks in the person’s own language, else the team’s', async function () {
    await h.zhiban.models.UserProfile.create({ _id: 'slack:UENGLISH1', locale: 'en' });
    await h.zhiban.notifier.tellPerson('slack:UENGLISH1', 'test:dm-5', notDone);
    await h.zhiban.notifier.tellPerson('slack:UDEFAULT1', 'test:dm-6', notDone);
    await waitUntilSent(h, /^test:dm-[56]$/);
    assert.equal(slackPosts('UENGLISH1')[0]?.body.text, 'Not done');
    assert.equal(slackPosts('UDEFAULT1')[0]?.body.text, '没有执行');
  });

  it('stores nothing and says so for a person on a platform this Zhiban does not speak', async function () {
    const before = await h.zhiban.models.OutboxMessage.countDocuments();
    assert.equal(h.zhiban.notifier.reaches('feishu:ou_123'), false);
    assert.equal(await h.zhiban.notifier.tellPerson('feishu:ou_123', 'test:dm-7', aCard('nowhere')), false);
    assert.equal(await h.zhiban.notifier.tellPerson('nobody', 'test:dm-7', aCard('nowhere')), false);
    assert.equal(await h.zhiban.models.OutboxMessage.countDocuments(), before);
  });

  it('posts a Slack DM in doubt again without looking for it (its history would need im:history)', async function () {
    h.slack!.failNext('chat.postMessage', { status: 500, afterServing: true });
    await h.zhiban.notifier.tellPerson('slack:UDOUBT001', 'test:dm-10', aCard('in doubt'));
    await waitUntilSent(h, 'test:dm-10');
    const lookups = h.slack!.calls.filter(
      (c) => c.method.startsWith('conversations.') && c.body.channel === 'UDOUBT001',
    );
    assert.equal(lookups.length, 0, 'no lookup that Slack would refuse');
    assert.equal(h.slack!.messagesIn(h.slack!.directChannelOf('UDOUBT001')!).length, 2, 'said twice rather than never');
  });

  it('keeps what was stored across a restart and sends it once after', async function () {
    const release = await holdChannel(h, 'slack', '@UDIRECT02');
    await h.zhiban.notifier.tellPerson('slack:UDIRECT02', 'test:dm-8', aCard('after restart'));
    const waiting = await h.zhiban.models.OutboxMessage.findOne({ subject: 'test:dm-8' }).lean();
    assert.equal(waiting?.state, 'pending', 'stored before it is sent');
    assert.equal(waiting?.channelId, '@UDIRECT02', 'addressed to the person; the conversation is opened when sent');
    await h.restart();
    await release();
    await waitUntilSent(h, 'test:dm-8');
    await waitUntil(async () => slackPosts('UDIRECT02').length === 2 || undefined, 'the held and the told message');
    const titles = slackPosts('UDIRECT02').map((c) => cardTitle(c.body));
    assert.deepEqual(
      titles.filter((t) => t === 'after restart'),
      ['after restart'],
      'sent once',
    );
  });
});
