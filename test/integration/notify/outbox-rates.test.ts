// The outbox keeps each channel within its platform's rate: scaled ten times faster for 30
// messages, and once at the real defaults (Slack ~1/s with a burst of 2, Discord 5 per 5 s).
import { strict as assert } from 'node:assert';
import { DEFAULT_OUTBOX_POLICY } from '../../../src/notify/outbox-policy.js';
import { Harness } from '../../support/harness.js';
import { aCard, bindChannel, maxInWindow, waitUntilSent } from '../../support/outbox-world.js';

describe('Outbox: rates', function () {
  let h: Harness;
  const slackTimes = (channel: string) =>
    h.slack!.callsTo('chat.postMessage').flatMap((c) => (c.body.channel === channel ? [c.at] : []));

  before(async function () {
    // The harness's outbox runs the defaults ten times faster.
    h = await Harness.start({ label: 'outbox-rates', slack: true, discord: true });
  });

  after(async function () {
    await h?.stop();
  });

  it('keeps 30 messages to one Slack channel within the rate', async function () {
    await bindChannel(h, 'slack', 'reports', 'CRATE0030');
    for (let i = 1; i <= 30; i++) await h.zhiban.notifier.addToThread('reports', `report:S-${i}`, aCard(`S-${i}`));
    await waitUntilSent(h, /^report:S-/, 15_000);
    const times = slackTimes('CRATE0030');
    assert.equal(times.length, 30);
    assert.ok(maxInWindow(times, 200) <= 2, 'at most 2 in any 200 ms');
    // ≤ 1.2/s at the real rate is ≤ 12/s here.
    assert.ok(maxInWindow(times, 1000) <= 12, `${maxInWindow(times, 1000)} in one second`);
    const drainMs = times.at(-1)! - times[0]!;
    assert.ok(drainMs >= 2600, `30 messages took ${drainMs} ms`);
  });

  it('keeps 12 messages to one Discord channel within 5 per window', async function () {
    const channel = h.discord!.channelIds[0]!;
    await bindChannel(h, 'discord', 'approvals', channel);
    for (let i = 1; i <= 12; i++) await h.zhiban.notifier.addToThread('approvals', `restore:D-${i}`, aCard(`D-${i}`));
    await waitUntilSent(h, /^restore:D-/, 15_000);
    const times = h.discord!.callsTo('POST', new RegExp(`/channels/${channel}/messages$`)).map((c) => c.at);
    assert.equal(times.length, 12);
    assert.ok(maxInWindow(times, 500) <= 5, `${maxInWindow(times, 500)} in 500 ms`);
  });

  it('lets one channel’s wait not slow another channel', async function () {
    await bindChannel(h, 'slack', 'alerts', 'CPARALL01');
    await bindChannel(h, 'slack', 'announcements', 'CPARALL02');
    for (let i = 1; i <= 6; i++) {
      await h.zhiban.notifier.addToThread('alerts', `alert:P-${i}`, aCard(`P-${i}`));
      await h.zhiban.notifier.addToThread('announcements', `upgrade:P-${i}`, aCard(`P-${i}`));
    }
    await waitUntilSent(h, /:P-/);
    const [a, b] = [slackTimes('CPARALL01'), slackTimes('CPARALL02')];
    assert.ok(maxInWindow(a, 200) <= 2 && maxInWindow(b, 200) <= 2);
    assert.ok(maxInWindow([...a, ...b], 200) > 2, 'the two channels were sent side by side');
  });
});

describe('Outbox: rates at the platform defaults', function () {
  let h: Harness;

  before(async function () {
    const options = { outbox: DEFAULT_OUTBOX_POLICY };
    h = await Harness.start({ label: 'outbox-default-rates', slack: true, discord: true, options });
  });

  after(async function () {
    await h?.stop();
  });

  it('sends about one message per second per Slack channel and five per five seconds per Discord channel', async function () {
    const discordChannel = h.discord!.channelIds[0]!;
    await bindChannel(h, 'slack', 'reports', 'CDEFAULT1');
    await bindChannel(h, 'discord', 'reports', discordChannel);
    for (let i = 1; i <= 7; i++) await h.zhiban.notifier.addToThread('reports', `report:N-${i}`, aCard(`N-${i}`));
    await waitUntilSent(h, /^report:N-/, 15_000);

    const slack = h.slack!;
    assert.equal(slack.callsTo('chat.postMessage').length, 7);
    assert.ok(slack.maxRateOver('chat.postMessage', 10_000) <= 12, 'at most 1.2/s over 10 s');
    assert.ok(slack.maxRateOver('chat.postMessage', 1000) <= 2, 'a burst of two at most');
    assert.ok(slack.maxRateOver('chat.postMessage', 2000) <= 2, 'then one per second');
    const times = slack.callsTo('chat.postMessage').map((c) => c.at);
    assert.ok(times.at(-1)! - times[0]! >= 5800, 'seven messages take six seconds');

    const discord = h.discord!.callsTo('POST', new RegExp(`/channels/${discordChannel}/messages$`)).map((c) => c.at);
    assert.equal(discord.length, 7);
    assert.ok(maxInWindow(discord, 5000) <= 5, 'five per five seconds');
  });
});
