// Issue 18, scenario 4, fast form: Slack and Discord failing during an alert storm — 429 with
// Retry-After on every other post, 500s, and a post that hangs 10 s — while alerts keep coming.
// Receiving never waits for sending (the webhooks stay fast), no channel is sent to faster than
// its rate or sooner than a Retry-After said, and every card and thread line is said exactly once
// on each platform. The longer form (a bigger storm, the platforms' real rates) is `npm run chaos`.
import { strict as assert } from 'node:assert';
import { countChat, countOutbox } from '../../support/chat-count.js';
import {
  discordArrivals,
  failChat,
  quantile,
  slackArrivals,
  spacing,
  timedStorm,
  type TimedStorm,
} from '../../support/chat-faults.js';
import { Harness, TEST_OUTBOX } from '../../support/harness.js';
import { bindChannel } from '../../support/outbox-world.js';
import { waitUntil } from '../../support/wait-until.js';
import { FAST_ALERT_GROUPS } from '../scenarios/alert-scenarios.js';

const ALERTS = { slack: 'CFAULTS01', discord: '300000000000000031' };
const FAULTS = { retryAfterS: 1, fiveHundreds: 2, hangMs: 10_000 };
const STORM = { total: 40, batch: 10, inFlight: 2, groups: 5 };

describe('Chat platforms failing during an alert storm', function () {
  this.timeout(120_000);
  let h: Harness;

  before(async function () {
    h = await Harness.start({
      label: 'chat-faults',
      slack: true,
      discord: { channelIds: [ALERTS.discord] },
      // A card per group and no updates after it within the test: its length is the 10 s hang, not the queue.
      env: { ...FAST_ALERT_GROUPS, ALERT_GROUP_INTERVAL: '1m' },
    });
    await bindChannel(h, 'slack', 'alerts', ALERTS.slack);
    await bindChannel(h, 'discord', 'alerts', ALERTS.discord);
  });

  after(async function () {
    await h?.stop();
  });

  it('keeps intake fast, keeps to the rates and Retry-After, and says everything once', async function () {
    const slack = h.slack!;
    const discord = h.discord!;
    // The intake's own pace on this machine now, the platforms answering: what "fast" is measured against.
    const calm = await timedStorm(h.url, { ...STORM, total: 200, prefix: 'calm' });
    failChat(slack, discord, FAULTS);

    // Waves of alerts until both platforms' hung post has been answered: a storm all through the faults.
    const waves: TimedStorm[] = [];
    let wave = 0;
    const hungAnswered = () => slack.hangsLeft === 0 && discord.hangsLeft === 0;
    while (!hungAnswered()) {
      waves.push(await timedStorm(h.url, { ...STORM, prefix: `faults-${wave++}` }));
    }
    const latencies = waves.flatMap((w) => w.latencies).sort((a, b) => a - b);
    const sent = waves.reduce((n, w) => n + w.sent, 0);
    assert.equal(
      waves.reduce((n, w) => n + w.accepted, 0),
      sent,
      'every alert taken while the platforms fail',
    );

    const uri = h.env.MONGODB_URI!;
    const [onSlack, onDiscord] = await waitUntil(
      async () => {
        const counts = await Promise.all([
          countChat(uri, slack, [ALERTS.slack]),
          countOutbox(uri, 'discord', discord.postedNonces()),
        ]);
        return counts.every((c) => c.unsettled === 0) && counts;
      },
      'the outbox to have said everything',
      { timeoutMs: 90_000, everyMs: 200 },
    );
    slack.clearFaults();
    discord.clearFaults();

    // Sending never holds up receiving: the webhooks answer at about their calm pace (within 3 × its
    // p99, or 1 s on a machine so busy that its calm pace is fast only by luck).
    const p99 = quantile(latencies, 0.99);
    const calmP99 = quantile(calm.latencies, 0.99);
    assert.ok(
      p99 < Math.max(1000, 3 * calmP99),
      `webhook p99 ${Math.round(p99)} ms over ${latencies.length} requests while the platforms failed; ${Math.round(calmP99)} ms calm`,
    );
    for (const [platform, count] of [
      ['Slack', onSlack],
      ['Discord', onDiscord],
    ] as const) {
      assert.ok(count.wished > 0, `${platform}: the storm gave the outbox something to say`);
      assert.equal(count.lost, 0, `${platform}: ${JSON.stringify(count)}`);
      assert.equal(count.duplicates, 0, `${platform}: ${JSON.stringify(count)}`);
    }
    const slackSpacing = spacing(slackArrivals(slack), TEST_OUTBOX.rates!.slack!, FAULTS.retryAfterS);
    const discordSpacing = spacing(discordArrivals(discord), TEST_OUTBOX.rates!.discord!, FAULTS.retryAfterS);
    assert.ok(
      slackArrivals(slack).some((a) => a.status === 429),
      'Slack answered 429s',
    );
    assert.ok(slackSpacing.maxServedInWindow <= TEST_OUTBOX.rates!.slack!.limit, JSON.stringify(slackSpacing));
    assert.equal(slackSpacing.earlyAfter429, 0, 'Slack: no post sooner than its Retry-After');
    assert.ok(discordSpacing.maxServedInWindow <= TEST_OUTBOX.rates!.discord!.limit, JSON.stringify(discordSpacing));
    assert.equal(discordSpacing.earlyAfter429, 0, 'Discord: no post sooner than its Retry-After');
  });
});
