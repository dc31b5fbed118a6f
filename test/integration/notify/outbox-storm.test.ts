// Storms: a channel whose backlog passes the threshold shows one digest card, edited in place,
// while what it is told is held; then every subject's latest card goes out, coalesced, within the
// rate, across 429s, 5xx, a restart and a second process. The outbox runs ten times faster than
// the platforms (TEST_OUTBOX) with a storm from 6 waiting messages down to 2.
import { strict as assert } from 'node:assert';
import type { OutboxMessage, OutboxState } from '../../../models/core/outbox-message.js';
import type { OutboxStorm } from '../../../models/core/outbox-storm.js';
import { Harness, startZhiban, TEST_OUTBOX } from '../../support/harness.js';
import { aCard, bindChannel, maxInWindow } from '../../support/outbox-world.js';
import { cardTitle } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';

const STORM = { enterAt: 6, leaveAt: 2, digestEveryMs: 300 };
const options = { outbox: { ...TEST_OUTBOX, storm: STORM } };
const WRITES = new Set(['chat.postMessage', 'chat.update']);
const UNSETTLED: OutboxState[] = ['pending', 'sending', 'held'];

describe('Outbox: storms', function () {
  let h: Harness;
  const model = () => h.zhiban.models;
  const slackCalls = (channel: string) =>
    h.slack!.calls.filter((c) => WRITES.has(c.method) && c.body.channel === channel);
  /** What the Slack channel shows for `subject` now: the last content sent to its card. */
  const slackCard = async (subject: string): Promise<string | undefined> => {
    const ref = await model().MessageRef.lookup('slack', subject);
    const sent = h.slack!.calls.filter(
      (c) =>
        c.status === 200 &&
        ((c.method === 'chat.update' && c.body.ts === ref?.messageId) ||
          (c.method === 'chat.postMessage' && (c.response as { ts?: string } | undefined)?.ts === ref?.messageId)),
    );
    return sent.length > 0 ? cardTitle(sent.at(-1)!.body) : undefined;
  };
  const stormOf = (platform: string, channel: string) =>
    model().OutboxStorm.findById(`${platform}:${channel}`).lean<OutboxStorm>();
  /** Resolves once the channel's storm is over, its last digest sent and nothing else waits. */
  const calm = async (platform: string, channel: string) => {
    const channelKey = `${platform}:${channel}`;
    await waitUntil(
      async () => {
        const storm = await stormOf(platform, channel);
        if (!storm?.endedAt) return false;
        const unsent = { channelKey, state: { $in: UNSETTLED } };
        if ((await model().OutboxMessage.countDocuments(unsent)) > 0) return false;
        const subject = `digest:${storm.kind}:${storm.since.getTime()}`;
        const last = await model().OutboxMessage.findOne({ channelKey, subject }).sort({ createdAt: -1 }).lean();
        return (last?.message as { text?: string } | undefined)?.text?.startsWith('Storm over');
      },
      `the storm in ${channel} to end and its messages to go out`,
      { timeoutMs: 30_000, everyMs: 100 },
    );
  };

  before(async function () {
    h = await Harness.start({
      label: 'outbox-storm',
      slack: true,
      discord: true,
      env: { WEB_CONSOLE: 'off', DEFAULT_LOCALE: 'en' },
      options,
    });
  });

  after(async function () {
    await h?.stop();
  });

  it('turns a burst into one digest card edited in place, then sends each subject’s latest card', async function () {
    const discordChannel = h.discord!.channelIds[0]!;
    await bindChannel(h, 'slack', 'alerts', 'CSTORM001');
    await bindChannel(h, 'discord', 'alerts', discordChannel);
    const notifier = h.zhiban.notifier;
    // Shown before the storm: its thread is told what it missed.
    await notifier.showCard('alerts', 'test:PRE', aCard('test:PRE v1'));
    await waitUntil(async () => (await slackCard('test:PRE')) === 'test:PRE v1', 'the first card');

    h.slack!.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    const subjects = Array.from({ length: 24 }, (_, i) => `test:S-${i + 1}`);
    for (const subject of subjects) await notifier.showCard('alerts', subject, aCard(`${subject} v1`));
    h.slack!.failNext('chat.update', { status: 500 });
    for (const subject of subjects) {
      await notifier.addToThread('alerts', subject, aCard(`${subject} joined`));
      await notifier.showCard('alerts', subject, aCard(`${subject} v2`));
    }
    for (let i = 1; i <= 3; i++) await notifier.addToThread('alerts', 'test:PRE', aCard(`test:PRE line ${i}`));
    await notifier.showCard('alerts', 'test:PRE', aCard('test:PRE v2'));
    assert.equal((await stormOf('slack', 'CSTORM001'))?.endedAt, null, 'the storm is on');
    const gauge = async () =>
      (await (await fetch(`${h.url}/metrics`)).text()).match(
        /zhiban_outbox_storm\{platform="slack",channel="CSTORM001"\} (\d)/,
      )?.[1];
    await waitUntil(async () => (await gauge()) === '1', 'the storm gauge');
    await calm('slack', 'CSTORM001');
    await calm('discord', discordChannel);

    for (const subject of ['test:PRE', ...subjects]) {
      assert.equal(await slackCard(subject), `${subject} v2`, `${subject} on Slack`);
      const onDiscord = await model().MessageRef.lookup('discord', subject);
      assert.match(JSON.stringify(h.discord!.message(onDiscord!.messageId)), new RegExp(`${subject} v2`));
    }
    const storm = (await stormOf('slack', 'CSTORM001'))!;
    const digest = await model().MessageRef.lookup('slack', `digest:alerts:${storm.since.getTime()}`);
    const calls = slackCalls('CSTORM001');
    const digestPosts = calls.filter(
      (c) => c.method === 'chat.postMessage' && (c.response as { ts?: string } | undefined)?.ts === digest?.messageId,
    );
    const digestEdits = calls.filter((c) => c.method === 'chat.update' && c.body.ts === digest?.messageId);
    assert.equal(digestPosts.length, 1, 'one digest card');
    assert.ok(digestEdits.length >= 1, 'edited in place');
    assert.equal(cardTitle(digestEdits.at(-1)!.body), 'Storm over');
    await waitUntil(async () => (await gauge()) === '0', 'the storm gauge back to zero');

    const sent = calls.filter((c) => c.status === 200 && c.method === 'chat.postMessage');
    const pre = await model().MessageRef.lookup('slack', 'test:PRE');
    const preThread = sent.filter((c) => c.body.thread_ts === pre!.messageId).map((c) => c.body.text);
    assert.deepEqual(preThread, ['+3 updates during the storm; the card shows the latest state.']);
    assert.ok(sent.length < 2 * subjects.length, `${sent.length} posts for ${subjects.length} subjects: coalesced`);
    const times = calls.map((c) => c.at);
    assert.ok(maxInWindow(times, 200) <= 2, 'never more than the rate');
    const limited = calls.findIndex((c) => c.status === 429);
    assert.ok(calls[limited + 1]!.at - calls[limited]!.at >= 1000, 'not even the digest card before the Retry-After');
    await nothingLost(h, 'slack:CSTORM001');
    await nothingLost(h, `discord:${discordChannel}`);
  });

  it('resumes a storm after a restart: the same digest card, every held card sent once', async function () {
    await bindChannel(h, 'slack', 'reports', 'CSTORM002');
    const subjects = Array.from({ length: 20 }, (_, i) => `report:R-${i + 1}`);
    for (const subject of subjects) await h.zhiban.notifier.showCard('reports', subject, aCard(`${subject} v1`));
    await waitUntil(
      async () => (await model().OutboxMessage.countDocuments({ channelKey: 'slack:CSTORM002', state: 'held' })) > 5,
      'messages held',
    );
    await h.restart();
    for (const subject of subjects) await h.zhiban.notifier.showCard('reports', subject, aCard(`${subject} v2`));
    await calm('slack', 'CSTORM002');

    for (const subject of subjects) assert.equal(await slackCard(subject), `${subject} v2`);
    const posts = slackCalls('CSTORM002').filter((c) => c.method === 'chat.postMessage' && c.status === 200);
    const digests = posts.filter((c) => /storm/i.test(cardTitle(c.body) ?? ''));
    assert.equal(digests.length, 1, 'the digest card survived the restart');
    assert.equal(posts.length - digests.length, subjects.length, 'each card posted once');
    await nothingLost(h, 'slack:CSTORM002');
  });

  it('has one storm and one digest card when two processes store into the channel', async function () {
    const second = await startZhiban(h.env, h.options);
    try {
      await bindChannel(h, 'slack', 'announcements', 'CSTORM003');
      const subjects = Array.from({ length: 20 }, (_, i) => `upgrade:U-${i + 1}`);
      for (const [i, subject] of subjects.entries()) {
        await (i % 2 ? second : h.zhiban).notifier.showCard('announcements', subject, aCard(`${subject} v1`));
      }
      await calm('slack', 'CSTORM003');
      for (const subject of subjects) assert.equal(await slackCard(subject), `${subject} v1`);
      const posts = slackCalls('CSTORM003').filter((c) => c.method === 'chat.postMessage' && c.status === 200);
      assert.equal(posts.length, subjects.length + 1, 'each card once, and one digest card');
      await nothingLost(h, 'slack:CSTORM003');
    } finally {
      await second.stop();
    }
  });
});

/** Every message of the channel was sent, or merged into one that was. */
async function nothingLost(h: Harness, channelKey: string): Promise<void> {
  const all = await h.zhiban.models.OutboxMessage.find({ channelKey }).lean<OutboxMessage[]>();
  const sent = new Set(all.filter((m) => m.state === 'sent').map((m) => String(m._id)));
  const astray = all.filter((m) => m.state !== 'sent' && !(m.state === 'merged' && sent.has(String(m.mergedInto))));
  assert.deepEqual(
    astray.map((m) => `${m.subject} ${m.state}`),
    [],
  );
  assert.ok(
    all.some((m) => m.heldAt),
    'some were held',
  );
}
