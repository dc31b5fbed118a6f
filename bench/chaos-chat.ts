// `npm run chaos`, scenario 4 (issue 18): Slack and Discord failing during an alert storm — 429 with
// Retry-After on every other post, 500s, and a post that hangs 10 s — against Zhiban with the
// platforms' real rates (DEFAULT_OUTBOX_POLICY, storms of cards folded into a digest as in
// production) on an engine of its own (file storage). Measures the webhooks' latency calm and while
// the platforms fail, how the calls kept to each channel's rate and to every Retry-After, and
// whether every card and thread line was said exactly once on each platform.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmbeddedEngine } from '../src/db/embedded-engine.js';
import { DEFAULT_OUTBOX_POLICY } from '../src/notify/outbox-policy.js';
import { countChat, countOutbox, type ChatCount } from '../test/support/chat-count.js';
import {
  discordArrivals,
  failChat,
  quantile,
  slackArrivals,
  spacing,
  timedStorm,
  type Spacing,
  type TimedStorm,
} from '../test/support/chat-faults.js';
import { setTestDatabaseBaseUri } from '../test/support/db.js';
import { Harness } from '../test/support/harness.js';
import { bindChannel } from '../test/support/outbox-world.js';
import { waitUntil } from '../test/support/wait-until.js';
import type { ChaosRow } from './chaos-table.js';

const ALERTS = { slack: 'CCHAOSCHAT', discord: '300000000000000041' };
export const CHAT_FAULTS = { retryAfterS: 1, fiveHundreds: 3, hangMs: 10_000 };
/** One wave of the storm; waves go on until both platforms' hung post is answered. */
const WAVE = { total: 500, batch: 50, inFlight: 4, groups: 30 };

export interface ChatFaultsResult {
  calm: TimedStorm;
  during: TimedStorm;
  slack: ChatCount;
  discord: ChatCount;
  slackSpacing: Spacing;
  discordSpacing: Spacing;
  slack429s: number;
  discord429s: number;
  /** From the end of the storm until the outbox had said everything on both platforms. */
  drainedMs: number;
}

export async function chaosChat(): Promise<ChatFaultsResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'zhiban-chaos-chat-'));
  const engine = await startEmbeddedEngine({ dataDir, storage: 'file', startTimeoutMs: 120_000, log: () => undefined });
  setTestDatabaseBaseUri(engine.uri);
  let h: Harness | undefined;
  try {
    h = await Harness.start({
      label: 'chaos-chat',
      slack: true,
      discord: { channelIds: [ALERTS.discord] },
      env: { ALERT_GROUP_WAIT: '1s', ALERT_GROUP_INTERVAL: '5s' },
      options: { outbox: DEFAULT_OUTBOX_POLICY, jobsProcessEveryMs: 1000 },
    });
    await bindChannel(h, 'slack', 'alerts', ALERTS.slack);
    await bindChannel(h, 'discord', 'alerts', ALERTS.discord);
    const slack = h.slack!;
    const discord = h.discord!;
    // A first wave unmeasured: the engine's JVM and Zhiban's first groups warm up on it.
    await timedStorm(h.url, { ...WAVE, prefix: 'warm-up' });
    const calm = await timedStorm(h.url, { ...WAVE, prefix: 'calm' });
    failChat(slack, discord, CHAT_FAULTS);
    const waves: TimedStorm[] = [];
    const hungAnswered = () => slack.hangsLeft === 0 && discord.hangsLeft === 0;
    for (let wave = 0; !hungAnswered(); wave++)
      waves.push(await timedStorm(h.url, { ...WAVE, prefix: `storm-${wave}` }));
    const during: TimedStorm = {
      sent: waves.reduce((n, w) => n + w.sent, 0),
      accepted: waves.reduce((n, w) => n + w.accepted, 0),
      latencies: waves.flatMap((w) => w.latencies).sort((a, b) => a - b),
    };
    const stormEnded = performance.now();
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
      { timeoutMs: 900_000, everyMs: 1000 },
    );
    const drainedMs = performance.now() - stormEnded;
    const r: ChatFaultsResult = {
      calm,
      during,
      slack: onSlack,
      discord: onDiscord,
      slackSpacing: spacing(slackArrivals(slack), DEFAULT_OUTBOX_POLICY.rates.slack, CHAT_FAULTS.retryAfterS),
      discordSpacing: spacing(discordArrivals(discord), DEFAULT_OUTBOX_POLICY.rates.discord, CHAT_FAULTS.retryAfterS),
      slack429s: slackArrivals(slack).filter((a) => a.status === 429).length,
      discord429s: discordArrivals(discord).filter((a) => a.status === 429).length,
      drainedMs,
    };
    slack.clearFaults();
    discord.clearFaults();
    return r;
  } finally {
    await h?.stop();
    setTestDatabaseBaseUri(undefined);
    await engine.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function chatRow(r: ChatFaultsResult): ChaosRow {
  const rates = DEFAULT_OUTBOX_POLICY.rates;
  const overRate =
    r.slackSpacing.maxServedInWindow > rates.slack.limit || r.discordSpacing.maxServedInWindow > rates.discord.limit;
  const early = r.slackSpacing.earlyAfter429 + r.discordSpacing.earlyAfter429;
  return {
    scenario: '4. Slack and Discord failing',
    sent: r.calm.sent + r.during.sent,
    accepted: r.calm.accepted + r.during.accepted,
    sentToChat: r.slack.sent + r.slack.edited + r.discord.sent + r.discord.edited,
    duplicates: r.slack.duplicates + r.discord.duplicates,
    // Alerts answered otherwise (a 503 when the database was slow) were not taken: the sender sends them again.
    lost: r.slack.lost + r.discord.lost,
    recoveryMs: r.drainedMs,
    recoveryWhat: 'from the end of the storm until both outboxes had said everything',
    broken: [
      ...(overRate
        ? [`a channel was sent to faster than its rate: ${JSON.stringify([r.slackSpacing, r.discordSpacing])}`]
        : []),
      ...(early > 0 ? [`${early} calls came sooner than a Retry-After said`] : []),
    ],
  };
}

export function chatSection(r: ChatFaultsResult): string {
  const ms = (x: number) => `${Math.round(x)} ms`;
  const q = (t: TimedStorm, p: number) => ms(quantile(t.latencies, p));
  const rates = DEFAULT_OUTBOX_POLICY.rates;
  const row = (name: string, c: ChatCount, s: Spacing, n429: number, limit: string) =>
    `| ${name} | ${c.wished} | ${c.sent} | ${c.edited} | **${c.duplicates}** | **${c.lost}** | ${n429} | **${s.earlyAfter429}** | ${s.maxServedInWindow} (≤ ${limit}) |`;
  return `### 4. Slack and Discord failing during an alert storm

Zhiban in this process against an engine of its own (file storage), with the platforms' real rates
(Slack ${rates.slack.limit} per ${rates.slack.windowMs / 1000} s, Discord ${rates.discord.limit} per ${rates.discord.windowMs / 1000} s per channel; storms folded into a digest), the
fake Slack and fake Discord bound as the alerts channel. Waves of ${WAVE.total} alerts (${WAVE.groups} groups, batches of
${WAVE.batch}, ${WAVE.inFlight} in flight) while both fakes answer every other post 429 with \`Retry-After: ${CHAT_FAULTS.retryAfterS}\`, the first
${CHAT_FAULTS.fiveHundreds} posts 500, and hang the first post ${CHAT_FAULTS.hangMs / 1000} s; the waves go on until both hung posts are answered.

| webhooks | requests | alerts answered 202 | p50 | p99 | slowest |
|---|---|---|---|---|---|
| calm (before the faults, after a wave to warm up) | ${r.calm.latencies.length} | ${r.calm.accepted} of ${r.calm.sent} | ${q(r.calm, 0.5)} | ${q(r.calm, 0.99)} | ${q(r.calm, 1)} |
| while the platforms fail | ${r.during.latencies.length} | ${r.during.accepted} of ${r.during.sent} | ${q(r.during, 0.5)} | ${q(r.during, 0.99)} | ${q(r.during, 1)} |

| platform | posts and lines to say | on the fake | as an edit | twice | lost | 429s | sooner than Retry-After | most served per window |
|---|---|---|---|---|---|---|---|---|
${row('Slack', r.slack, r.slackSpacing, r.slack429s, String(rates.slack.limit))}
${row('Discord', r.discord, r.discordSpacing, r.discord429s, String(rates.discord.limit))}

From the storm's end until both outboxes had said everything: ${(r.drainedMs / 1000).toFixed(1)} s.
`;
}
