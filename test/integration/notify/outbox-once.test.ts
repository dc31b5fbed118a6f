// A message that reached the platform is not sent again, when the answer is lost on the way back:
// Slack's post carries the outbox id as metadata and is looked for before a repeat; Discord's
// carries it as an enforced nonce; the web console's is keyed by it. The normal path looks for
// nothing. (A process killed between the answer and the mark: outbox-crash.test.ts.)
import { strict as assert } from 'node:assert';
import { webApi } from '@slack/bolt';
import { Types } from 'mongoose';
import { Harness } from '../../support/harness.js';
import { MANIFEST_SCOPES } from '../../support/fake-slack.js';
import { aCard, bindChannel, waitUntilSent } from '../../support/outbox-world.js';
import { cardTitle } from '../../support/slack-user.js';

describe('Outbox: a message that reached the platform is not sent again', function () {
  let h: Harness;
  const lookups = () => h.slack!.calls.filter((c) => c.method.startsWith('conversations.'));
  const outboxOf = (subject: string, platform: string) =>
    h.zhiban.models.OutboxMessage.find({ subject, platform }).sort({ createdAt: 1 }).lean();
  const refOf = (subject: string, platform: string) => h.zhiban.models.MessageRef.findOne({ subject, platform }).lean();

  before(async function () {
    h = await Harness.start({ label: 'outbox-once', slack: true, discord: true });
  });

  after(async function () {
    await h?.stop();
  });

  it('costs nothing extra on the normal path: one post each, named by the outbox id, and no lookup', async function () {
    const discordChannel = h.discord!.channelIds[0]!;
    await bindChannel(h, 'slack', 'reports', 'CONCE0001');
    await bindChannel(h, 'discord', 'reports', discordChannel);
    const before = h.slack!.calls.length;
    await h.zhiban.notifier.showCard('reports', 'report:R-1', aCard('R-1'));
    await h.zhiban.notifier.addToThread('reports', 'report:R-1', aCard('R-1 line'));
    // Once shown (changed before that, it would go once, with its last content).
    await waitUntilSent(h, 'report:R-1');
    await h.zhiban.notifier.showCard('reports', 'report:R-1', aCard('R-1 again'));
    await waitUntilSent(h, 'report:R-1');

    const slack = h.slack!.calls.slice(before).map((c) => c.method);
    assert.deepEqual(slack, ['chat.postMessage', 'chat.postMessage', 'chat.update']);
    const [card, line] = await outboxOf('report:R-1', 'slack');
    const [cardPost, linePost] = h.slack!.callsTo('chat.postMessage').filter((c) => c.body.channel === 'CONCE0001');
    assert.deepEqual(cardPost!.body.metadata, {
      event_type: 'zhiban_outbox',
      event_payload: { outbox_id: String(card!._id) },
    });
    assert.deepEqual(linePost!.body.metadata, {
      event_type: 'zhiban_outbox',
      event_payload: { outbox_id: String(line!._id) },
    });

    const [discordCard] = await outboxOf('report:R-1', 'discord');
    const created = h.discord!.callsTo('POST', new RegExp(`/channels/${discordChannel}/messages$`)).at(-1)!;
    assert.deepEqual(
      [(created.body as { nonce?: unknown }).nonce, (created.body as { enforce_nonce?: unknown }).enforce_nonce],
      [String(discordCard!._id), true],
    );
    assert.equal(String(discordCard!._id).length, 24, 'within Discord’s 25 characters');
    await h.zhiban.models.ChannelBinding.deleteOne({ platform: 'discord', kind: 'reports' });
    h.zhiban.ops.channels.forgetBindings();
  });

  it('finds a Slack card whose answer was lost in the channel’s history, and its edits and lines go to it', async function () {
    await bindChannel(h, 'slack', 'alerts', 'CLOST0001');
    // Slack stores the message, then fails: the first attempt cannot know the card is there.
    h.slack!.failNext('chat.postMessage', { status: 500, afterServing: true });
    await h.zhiban.notifier.showCard('alerts', 'alert:LOST-1', aCard('LOST-1 firing'));
    await waitUntilSent(h, 'alert:LOST-1');

    const shown = h.slack!.messagesIn('CLOST0001');
    assert.equal(shown.length, 1, 'one card in the channel');
    const [stored] = await outboxOf('alert:LOST-1', 'slack');
    assert.deepEqual([stored!.state, stored!.attempts, stored!.inDoubt], ['sent', 2, true]);
    assert.equal((await refOf('alert:LOST-1', 'slack'))?.messageId, shown[0]!.ts);
    const history = lookups().filter((c) => c.body.channel === 'CLOST0001');
    assert.deepEqual(
      history.map((c) => [c.method, c.body.include_all_metadata]),
      [['conversations.history', 'true']],
    );
    assert.equal(h.slack!.callsTo('chat.postMessage').filter((c) => c.body.channel === 'CLOST0001').length, 1);

    await h.zhiban.notifier.showCard('alerts', 'alert:LOST-1', aCard('LOST-1 resolved'));
    await h.zhiban.notifier.addToThread('alerts', 'alert:LOST-1', aCard('LOST-1 line'));
    await waitUntilSent(h, 'alert:LOST-1');
    assert.equal(h.slack!.messagesIn('CLOST0001').length, 1, 'still one card');
    assert.equal(cardTitle(h.slack!.messagesIn('CLOST0001')[0]!), 'LOST-1 resolved', 'edited in place');
    assert.deepEqual(
      h.slack!.repliesUnder('CLOST0001', shown[0]!.ts).map((m) => cardTitle(m)),
      ['LOST-1 line'],
    );
  });

  it('finds a Slack thread line whose answer was lost among the thread’s replies', async function () {
    await bindChannel(h, 'slack', 'incidents', 'CLOST0002');
    await h.zhiban.notifier.showCard('incidents', 'incident:LOST-2', aCard('LOST-2 declared'));
    await waitUntilSent(h, 'incident:LOST-2');
    h.slack!.failNext('chat.postMessage', { status: 500, afterServing: true });
    await h.zhiban.notifier.addToThread('incidents', 'incident:LOST-2', aCard('LOST-2 step'));
    await waitUntilSent(h, 'incident:LOST-2');

    const [card] = h.slack!.messagesIn('CLOST0002');
    assert.equal(h.slack!.messagesIn('CLOST0002').length, 1);
    assert.deepEqual(
      h.slack!.repliesUnder('CLOST0002', card!.ts).map((m) => cardTitle(m)),
      ['LOST-2 step'],
    );
    const looked = lookups().filter((c) => c.body.channel === 'CLOST0002');
    assert.deepEqual(
      looked.map((c) => [c.method, c.body.ts]),
      [['conversations.replies', card!.ts]],
    );
  });

  it('takes over a dead sender’s Slack card and finds it behind more than a page of newer messages', async function () {
    const id = new Types.ObjectId();
    const client = new webApi.WebClient('xoxb-fake', { slackApiUrl: h.slack!.apiUrl, retryConfig: { retries: 0 } });
    // What the dead sender posted, then the channel went on talking.
    const metadata = { event_type: 'zhiban_outbox', event_payload: { outbox_id: String(id) } };
    const posted = await client.chat.postMessage({ channel: 'CPAGE0001', text: 'PAGE-1', metadata });
    for (let i = 0; i < 250; i++) await client.chat.postMessage({ channel: 'CPAGE0001', text: `chatter ${i}` });
    const longAgo = new Date(Date.now() - 5 * 60_000);
    await h.zhiban.models.OutboxMessage.create({
      _id: id,
      platform: 'slack',
      channelId: 'CPAGE0001',
      channelKey: 'slack:CPAGE0001',
      subject: 'alert:PAGE-1',
      op: 'post',
      message: aCard('PAGE-1'),
      state: 'sending',
      attempts: 1,
      notBefore: longAgo,
      lockedBy: 'a-process-that-died',
      lockedAt: longAgo,
      attemptAt: longAgo,
      createdAt: longAgo,
    });
    await waitUntilSent(h, 'alert:PAGE-1');

    assert.equal(h.slack!.messagesIn('CPAGE0001').length, 251, 'nothing posted again');
    assert.equal(h.slack!.callsTo('chat.postMessage').filter((c) => c.body.channel === 'CPAGE0001').length, 251);
    const pages = lookups().filter((c) => c.body.channel === 'CPAGE0001');
    assert.deepEqual(
      pages.map((c) => (c.response as { messages: unknown[] }).messages.length),
      [200, 51],
    );
    assert.equal((await refOf('alert:PAGE-1', 'slack'))?.messageId, posted.ts);
    const [stored] = await outboxOf('alert:PAGE-1', 'slack');
    assert.deepEqual([stored!.state, stored!.attempts, stored!.inDoubt], ['sent', 2, true]);
  });

  it('has Discord answer a repeated create with the first message: discord.js’s own retries and the outbox’s', async function () {
    const channel = h.discord!.channelIds[0]!;
    await bindChannel(h, 'discord', 'announcements', channel);
    const path = new RegExp(`/channels/${channel}/messages$`);
    const before = h.discord!.posts(channel).length;
    const calls = h.discord!.callsTo('POST', path).length;
    // Each answer is lost after Discord created the message: discord.js tries four times, then the outbox again.
    for (let i = 0; i < 4; i++) h.discord!.failNext('POST', path, { status: 502, afterServing: true });
    await h.zhiban.notifier.showCard('announcements', 'upgrade:LOST-3', aCard('LOST-3 announced'));
    await waitUntilSent(h, 'upgrade:LOST-3');

    const posts = h.discord!.posts(channel).slice(before);
    assert.equal(posts.length, 1, 'one message on Discord');
    const creates = h.discord!.callsTo('POST', path).slice(calls);
    assert.deepEqual(
      creates.map((c) => c.status),
      [502, 502, 502, 502, 200],
    );
    const [stored] = await outboxOf('upgrade:LOST-3', 'discord');
    assert.deepEqual(new Set(creates.map((c) => (c.body as { nonce: string }).nonce)), new Set([String(stored!._id)]));
    assert.equal((await refOf('upgrade:LOST-3', 'discord'))?.messageId, posts[0]!.id);
    await h.zhiban.models.ChannelBinding.deleteOne({ platform: 'discord', kind: 'announcements' });
    h.zhiban.ops.channels.forgetBindings();
  });

  it('shows the latest content of a card changed while its post was in doubt, as one message', async function () {
    await bindChannel(h, 'slack', 'reports', 'CLOST0004');
    h.slack!.failNext('chat.postMessage', { status: 500, afterServing: true });
    await h.zhiban.notifier.showCard('reports', 'report:LOST-4', aCard('LOST-4 first'));
    await h.zhiban.notifier.showCard('reports', 'report:LOST-4', aCard('LOST-4 second'));
    await h.zhiban.notifier.showCard('reports', 'report:LOST-4', aCard('LOST-4 third'));
    await waitUntilSent(h, 'report:LOST-4');
    const shown = h.slack!.messagesIn('CLOST0004');
    assert.equal(shown.length, 1);
    assert.equal(cardTitle(shown[0]!), 'LOST-4 third');
  });

  it('does not replace the content of a card whose post is in doubt: what is shown is found, then edited', async function () {
    const { OutboxMessage } = h.zhiban.models;
    const base = {
      platform: 'slack',
      channelId: 'CNOWHERE1',
      channelKey: 'slack:CNOWHERE1',
      op: 'post' as const,
      message: aCard('as posted'),
      state: 'pending' as const,
      attempts: 1,
      notBefore: new Date(Date.now() + 3_600_000),
      createdAt: new Date(),
    };
    await OutboxMessage.create({ ...base, subject: 'report:DOUBT-1', inDoubt: true });
    await OutboxMessage.create({ ...base, subject: 'report:DOUBT-2' });
    const fields = { platform: 'slack', channelId: 'CNOWHERE1', message: aCard('changed') };
    assert.equal(await OutboxMessage.replacePendingCard({ ...fields, subject: 'report:DOUBT-1' }), false);
    assert.equal(await OutboxMessage.replacePendingCard({ ...fields, subject: 'report:DOUBT-2' }), true);
    const doubt = await OutboxMessage.findOne({ subject: 'report:DOUBT-1' }).lean();
    assert.deepEqual(doubt!.message, aCard('as posted'));
    await OutboxMessage.deleteMany({ channelId: 'CNOWHERE1' });
  });

  it('posts again rather than lose the message when Slack refuses the lookup (no history scope)', async function () {
    await bindChannel(h, 'slack', 'announcements', 'CLOST0005');
    h.slack!.setScopes(MANIFEST_SCOPES.filter((s) => !s.endsWith(':history')));
    try {
      h.slack!.failNext('chat.postMessage', { status: 500, afterServing: true });
      await h.zhiban.notifier.showCard('announcements', 'upgrade:LOST-5', aCard('LOST-5'));
      await waitUntilSent(h, 'upgrade:LOST-5');
    } finally {
      h.slack!.setScopes(MANIFEST_SCOPES);
    }
    const refused = lookups().filter((c) => c.body.channel === 'CLOST0005');
    assert.deepEqual(
      refused.map((c) => (c.response as { error?: string }).error),
      ['missing_scope'],
    );
    assert.equal(h.slack!.messagesIn('CLOST0005').length, 2, 'said twice, not lost');
    const [stored] = await outboxOf('upgrade:LOST-5', 'slack');
    assert.equal(stored!.state, 'sent');
  });
});
