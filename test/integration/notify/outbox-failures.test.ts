// The outbox when things go wrong: 429 with Retry-After, 5xx, refusals, a restart with messages
// waiting, a sender that died mid-send, and two processes sending from one database.
import { strict as assert } from 'node:assert';
import { Harness, startZhiban, TEST_OUTBOX } from '../../support/harness.js';
import { aCard, bindChannel, waitUntilSent } from '../../support/outbox-world.js';
import { cardTitle } from '../../support/slack-user.js';

// The harness's outbox backs off 200 ms, 400 ms, … and gives up after 4 attempts.
const { firstMs, maxAttempts } = TEST_OUTBOX.backoff as { firstMs: number; maxAttempts: number };

describe('Outbox: failures and restarts', function () {
  let h: Harness;
  const postsTo = (channel: string) => h.slack!.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);
  const say = (kind: 'alerts' | 'reports' | 'announcements', subject: string) =>
    h.zhiban.notifier.addToThread(kind, subject, aCard(subject));
  const message = (subject: string, platform = 'slack') =>
    h.zhiban.models.OutboxMessage.findOne({ subject, platform }).lean();

  before(async function () {
    h = await Harness.start({ label: 'outbox-failures', slack: true, discord: true });
  });

  after(async function () {
    await h?.stop();
  });

  it('waits out a 429 for its Retry-After and loses nothing', async function () {
    await bindChannel(h, 'slack', 'alerts', 'C429RATE1');
    h.slack!.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    for (const subject of ['alert:ALG-11', 'alert:ALG-12', 'alert:ALG-13']) await say('alerts', subject);
    await waitUntilSent(h, /^alert:ALG-1\d$/);

    const calls = postsTo('C429RATE1');
    assert.deepEqual(
      calls.map((c) => c.status),
      [429, 200, 200, 200],
    );
    const waited = calls[1]!.at - calls[0]!.at;
    assert.ok(waited >= 1000, `the next attempt came ${waited} ms after the 429`);
    assert.deepEqual(
      calls.slice(1).map((c) => cardTitle(c.body)),
      ['alert:ALG-11', 'alert:ALG-12', 'alert:ALG-13'],
    );
    assert.equal((await message('alert:ALG-11'))?.attempts, 1, 'a 429 does not count as a failed attempt');
    const retries = await h.zhiban.metrics.outboxRetries.get();
    assert.ok(retries.values.some((v) => v.labels.reason === 'rate_limited' && v.value >= 1));
  });

  it('tries again after a 500, backing off', async function () {
    await bindChannel(h, 'slack', 'alerts', 'C500ERR01');
    h.slack!.failNext('chat.postMessage', { status: 500 });
    await say('alerts', 'alert:ALG-20');
    await waitUntilSent(h, 'alert:ALG-20');
    const calls = postsTo('C500ERR01');
    assert.deepEqual(
      calls.map((c) => c.status),
      [500, 200],
    );
    assert.ok(calls[1]!.at - calls[0]!.at >= firstMs, 'waited the first back-off step');
    const stored = await message('alert:ALG-20');
    assert.deepEqual([stored?.state, stored?.attempts, stored?.lastError], ['sent', 2, undefined]);
  });

  it('tries again when Discord answers 5xx for longer than discord.js retries by itself', async function () {
    const channel = h.discord!.channelIds[0]!;
    await bindChannel(h, 'discord', 'alerts', channel);
    const path = new RegExp(`/channels/${channel}/messages$`);
    for (let i = 0; i < 4; i++) h.discord!.failNext('POST', path, { status: 502 });
    await say('alerts', 'alert:ALG-30');
    await waitUntilSent(h, 'alert:ALG-30');
    assert.deepEqual(
      h.discord!.callsTo('POST', path).map((c) => c.status),
      [502, 502, 502, 502, 200],
    );
    assert.equal(
      (await message('alert:ALG-30', 'discord'))?.attempts,
      2,
      'discord.js made the first attempt four calls',
    );
    await h.zhiban.models.ChannelBinding.deleteOne({ platform: 'discord', kind: 'alerts' });
    h.zhiban.ops.channels.forgetBindings();
  });

  it('gives up at once on a message Slack refuses, and the channel moves on', async function () {
    await bindChannel(h, 'slack', 'alerts', 'CREFUSED1');
    h.slack!.failNext('chat.postMessage', { slackError: 'not_in_channel' });
    await say('alerts', 'alert:ALG-40');
    await say('alerts', 'alert:ALG-41');
    await waitUntilSent(h, /^alert:ALG-4\d$/);
    const refused = await message('alert:ALG-40');
    assert.deepEqual([refused?.state, refused?.attempts, refused?.lastError], ['failed', 1, 'slack: not_in_channel']);
    assert.equal((await message('alert:ALG-41'))?.state, 'sent');
  });

  it('gives up after the last back-off step', async function () {
    await bindChannel(h, 'slack', 'alerts', 'CDOWN0001');
    h.slack!.failTimes('chat.postMessage', maxAttempts, { status: 503 });
    await say('alerts', 'alert:ALG-50');
    await waitUntilSent(h, 'alert:ALG-50');
    const stored = await message('alert:ALG-50');
    assert.deepEqual([stored?.state, stored?.attempts, stored?.lastError], ['failed', maxAttempts, 'slack: HTTP 503']);
    const failed = await h.zhiban.metrics.outboxFailed.get();
    assert.ok(failed.values.some((v) => v.labels.reason === 'unavailable' && v.value === 1));
    assert.equal(postsTo('CDOWN0001').length, maxAttempts);
  });

  it('sends what was pending at a restart after it, each message once', async function () {
    await bindChannel(h, 'slack', 'announcements', 'CRESTART1');
    h.slack!.failTimes('chat.postMessage', 3, { status: 503 });
    const subjects = ['upgrade:UPG-1', 'upgrade:UPG-2', 'upgrade:UPG-3', 'upgrade:UPG-4'];
    for (const subject of subjects) await say('announcements', subject);
    await h.slack!.waitFor('chat.postMessage', { predicate: (c) => c.body.channel === 'CRESTART1' });

    await h.zhiban.stop();
    assert.equal(postsTo('CRESTART1').filter((c) => c.status === 200).length, 0, 'nothing was sent before the restart');
    h.zhiban = await startZhiban(h.env, h.options);
    await waitUntilSent(h, /^upgrade:UPG-/);
    const sent = postsTo('CRESTART1').filter((c) => c.status === 200);
    assert.deepEqual(
      sent.map((c) => cardTitle(c.body)),
      subjects,
    );
  });

  it('sends again a message whose sender died while sending it, once its lock is old', async function () {
    await bindChannel(h, 'slack', 'alerts', 'CDEAD0001');
    const longAgo = new Date(Date.now() - 5 * 60_000);
    await h.zhiban.models.OutboxMessage.create({
      platform: 'slack',
      channelId: 'CDEAD0001',
      channelKey: 'slack:CDEAD0001',
      subject: 'alert:ALG-60',
      op: 'thread',
      message: aCard('alert:ALG-60'),
      state: 'sending',
      attempts: 1,
      notBefore: longAgo,
      lockedBy: 'a-process-that-died',
      lockedAt: longAgo,
      attemptAt: longAgo,
      createdAt: longAgo,
    });
    await waitUntilSent(h, 'alert:ALG-60');
    assert.equal(postsTo('CDEAD0001').length, 1);
    assert.equal((await message('alert:ALG-60'))?.attempts, 2);
  });

  it('sends each message once, in order, with two processes sending from one database', async function () {
    const second = await startZhiban(h.env, h.options);
    try {
      const channel = h.discord!.channelIds[0]!;
      await bindChannel(h, 'slack', 'reports', 'CTWOPROC1');
      await bindChannel(h, 'discord', 'reports', channel);
      const subjects = Array.from({ length: 12 }, (_, i) => `report:R-${i + 1}`);
      for (const [i, subject] of subjects.entries()) {
        // Both stores wake their own sender; both senders poll the same queue.
        await (i % 2 ? second : h.zhiban).notifier.addToThread('reports', subject, aCard(subject));
      }
      await waitUntilSent(h, /^report:/, 15_000);

      const slackTitles = postsTo('CTWOPROC1').map((c) => cardTitle(c.body));
      assert.deepEqual(slackTitles, subjects, 'each once, in the order stored');
      const discordBodies = h
        .discord!.callsTo('POST', new RegExp(`/channels/${channel}/messages$`))
        .map((c) => JSON.stringify(c.body))
        .filter((body) => body.includes('report:R-'));
      assert.deepEqual(
        subjects.map((s) => discordBodies.filter((body) => body.includes(`"${s}"`)).length),
        subjects.map(() => 1),
      );
      const sentBy = async (z: typeof second) =>
        (await z.metrics.outboxSent.get()).values.reduce((sum, v) => sum + v.value, 0);
      assert.ok((await sentBy(h.zhiban)) + (await sentBy(second)) >= 24);
    } finally {
      await second.stop();
    }
  });
});
