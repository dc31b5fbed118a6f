// An alert storm into one channel (issue 4, speed item 2): 10,000 alerts over 60 s in 100 groups
// through /webhooks/alerts, to a Zhiban server in its own process with the real outbox rates, the
// alerts channel bound on a fake Slack. Measures what Slack receives and what the database kept.
import { MongoClient, type Db } from 'mongodb';
import { DEFAULT_OUTBOX_POLICY } from '../src/notify/outbox-policy.js';
import { FakeSlack, type RecordedCall } from '../test/support/fake-slack.js';
import { maxInWindow } from '../test/support/outbox-world.js';
import { startServerProcess } from './server-process.js';

const TOKEN = 'bench-webhook-token';
const CHANNEL = 'CBENCHSTORM';
const CHANNEL_KEY = `slack:${CHANNEL}`;
const WAITING = { channelKey: CHANNEL_KEY, state: { $in: ['pending', 'sending', 'held'] } };
const SOURCE = 'storm-bench';
export const ALERTS = 10_000;
export const GROUPS = 100;
export const LOAD_MS = 60_000;
const BATCH_EVERY_MS = 500;
/**
 * How long after the last alert the bench watches, at most, for the storm to pass: the last cards
 * go out about 110 s after the last alert, so the section takes about 3 minutes.
 */
export const DRAIN_LIMIT_MS = 1000 * Number(process.env.BENCH_STORM_DRAIN_S ?? 130);
/** Shortened (defaults 30s and 5m) so that the groups change several times within the minute. */
export const TIMERS = { ALERT_GROUP_WAIT: '2s', ALERT_GROUP_INTERVAL: '10s' };

export interface AlertStormResult {
  /** Alerts the webhook answered 202 for (of the ALERTS sent). */
  accepted: number;
  stored: number;
  maxPerSecond10s: number;
  averagePerSecond: number;
  slackCalls: { posts: number; edits: number; threadLines: number; digest: number; failed: number };
  /** Seconds after the first alert; undefined: not within the run. */
  visibleS?: number;
  visibleGroups: number;
  stormS?: { began: number; over?: number };
  drainedS?: number;
  /** Messages of the channel still held or queued when the bench stopped watching. */
  waiting: number;
  held: number;
  merged: number;
}

/** Alert i is its own fingerprint, in group i % 100 (one alertname per group). */
function alertNumber(i: number) {
  const g = i % GROUPS;
  return {
    source: SOURCE,
    name: `StormAlert${g}`,
    status: 'firing',
    severity: ['critical', 'major', 'minor', 'info'][g % 4],
    summary: `Storm alert ${i}`,
    fingerprint: `storm-${i}`,
    labels: { system: `sys-${g % 10}`, instance: `host-${i}:9100` },
  };
}

async function sendLoad(url: string, started: number): Promise<number> {
  const batches = LOAD_MS / BATCH_EVERY_MS;
  const sends: Array<Promise<number>> = [];
  for (let b = 0; b < batches; b++) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + b * BATCH_EVERY_MS - Date.now())));
    const [from, to] = [Math.ceil((b * ALERTS) / batches), Math.ceil(((b + 1) * ALERTS) / batches)];
    const ids = Array.from({ length: to - from }, (_, k) => from + k);
    // Not awaited here: a slow answer must not slow the storm down.
    sends.push(
      fetch(`${url}/webhooks/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(ids.map(alertNumber)),
      }).then(async (res) => (res.status === 202 ? ((await res.json()) as { accepted: number }).accepted : 0)),
    );
  }
  return (await Promise.all(sends)).reduce((sum, n) => sum + n, 0);
}

export async function benchAlertStorm(databaseUri: string): Promise<AlertStormResult> {
  const client = await MongoClient.connect(databaseUri);
  const db = client.db();
  await db.dropDatabase();
  await db
    .collection('channel_bindings')
    .insertOne({ platform: 'slack', kind: 'alerts', channelId: CHANNEL, setBy: 'bench', setAt: new Date() });
  const slack = await FakeSlack.start();
  const server = await startServerProcess('zhiban', {
    PORT: '0',
    MONGODB_URI: databaseUri,
    WEBHOOK_TOKEN: TOKEN,
    LOG_LEVEL: 'silent',
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench-signing-secret',
    SLACK_API_URL: slack.apiUrl,
    ...TIMERS,
  });
  try {
    const started = Date.now();
    const accepted = await sendLoad(server.url, started);
    const drainedAt = await untilDrained(db, started + LOAD_MS + DRAIN_LIMIT_MS);
    return await measure(db, slack, { started, accepted, drainedAt });
  } finally {
    await server.stop();
    await slack.stop();
    await client.close();
  }
}

/** When the storm is over and nothing of the channel waits; undefined if not by `deadline`. */
async function untilDrained(db: Db, deadline: number): Promise<number | undefined> {
  while (Date.now() < deadline) {
    const storm = await db.collection('outbox_storms').findOne({ _id: CHANNEL_KEY as never });
    if ((!storm || storm.endedAt) && (await db.collection('outbox_messages').countDocuments(WAITING)) === 0) {
      return Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return undefined;
}

async function measure(
  db: Db,
  slack: FakeSlack,
  run: { started: number; accepted: number; drainedAt: number | undefined },
): Promise<AlertStormResult> {
  const outbox = db.collection('outbox_messages');
  const storm = await db.collection('outbox_storms').findOne({ _id: CHANNEL_KEY as never });
  const ids = (
    await db
      .collection('alert_groups')
      .find({}, { projection: { shortId: 1 } })
      .toArray()
  ).map((g) => String(g.shortId));
  const calls = slack.calls.filter(
    (c) => (c.method === 'chat.postMessage' || c.method === 'chat.update') && c.body.channel === CHANNEL,
  );
  const visible = firstNamed(calls, ids);
  const times = calls.map((c) => c.at);
  const span = Math.max(1, (Math.max(...times) - Math.min(...times)) / 1000);
  const seconds = (at: number | Date) => round((new Date(at).getTime() - run.started) / 1000);
  return {
    accepted: run.accepted,
    // The fingerprint is the _id: stored documents are distinct fingerprints.
    stored: await db.collection('alerts').countDocuments({ source: SOURCE }),
    maxPerSecond10s: round(maxInWindow(times, 10_000) / 10),
    averagePerSecond: round(calls.length / span),
    slackCalls: tally(calls, await digestCards(db)),
    visibleGroups: visible.size,
    ...(visible.size === GROUPS && ids.length === GROUPS ? { visibleS: seconds(Math.max(...visible.values())) } : {}),
    ...(storm
      ? { stormS: { began: seconds(storm.since), ...(storm.endedAt ? { over: seconds(storm.endedAt) } : {}) } }
      : {}),
    ...(run.drainedAt ? { drainedS: seconds(run.drainedAt) } : {}),
    waiting: await outbox.countDocuments(WAITING),
    held: await outbox.countDocuments({ channelKey: CHANNEL_KEY, heldAt: { $exists: true } }),
    merged: await outbox.countDocuments({ channelKey: CHANNEL_KEY, state: 'merged' }),
  };
}

/** When each group was first named in the channel itself (its card, or the digest), not in a thread. */
function firstNamed(calls: readonly RecordedCall[], ids: readonly string[]): Map<string, number> {
  const wanted = new Set(ids);
  const seen = new Map<string, number>();
  for (const call of calls) {
    if (call.status !== 200 || call.body.thread_ts) continue;
    for (const id of JSON.stringify(call.body).match(/ALG-\d+/g) ?? []) {
      if (wanted.has(id) && !seen.has(id)) seen.set(id, call.at);
    }
  }
  return seen;
}

/** The Slack messages that were digest cards. */
async function digestCards(db: Db): Promise<Set<string>> {
  const refs = await db
    .collection('message_refs')
    .find({ subject: /^digest:/ })
    .toArray();
  return new Set(refs.map((ref) => String(ref.messageId)));
}

function tally(calls: readonly RecordedCall[], digests: ReadonlySet<string>): AlertStormResult['slackCalls'] {
  const ok = calls.filter((c) => c.status === 200);
  const ts = (c: RecordedCall) => String(c.method === 'chat.update' ? c.body.ts : (c.response as { ts?: string }).ts);
  const digest = (c: RecordedCall) => digests.has(ts(c));
  return {
    posts: ok.filter((c) => c.method === 'chat.postMessage' && !c.body.thread_ts && !digest(c)).length,
    edits: ok.filter((c) => c.method === 'chat.update' && !digest(c)).length,
    threadLines: ok.filter((c) => c.body.thread_ts).length,
    digest: ok.filter(digest).length,
    failed: calls.length - ok.length,
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

export function alertStormSection(r: AlertStormResult): string {
  const { rates, storm } = DEFAULT_OUTBOX_POLICY;
  const slack = rates.slack;
  const calls = r.slackCalls;
  const or = (s: number | undefined, none: string) => (s === undefined ? none : `${s} s`);
  return `## Alert storm (one channel, the real Slack rate)

${ALERTS.toLocaleString('en')} generic alerts over ${LOAD_MS / 1000} s in ${GROUPS} groups (a batch every ${BATCH_EVERY_MS} ms, each alert its own
fingerprint) into \`POST /webhooks/alerts\`, to a Zhiban server in its own process with the default outbox
policy (Slack: ${slack.limit} per ${slack.windowMs / 1000} s per channel; a storm from ${storm.enterAt} waiting messages, let go below ${storm.leaveAt}; the
digest card refreshed at most every ${storm.digestEveryMs / 1000} s); \`ALERT_GROUP_WAIT=${TIMERS.ALERT_GROUP_WAIT}\` and \`ALERT_GROUP_INTERVAL=${TIMERS.ALERT_GROUP_INTERVAL}\` (shortened from
30s and 5m so that every group changes several times within the minute); the \`alerts\` channel bound
on the fake Slack. Watched until the storm was over and the channel's outbox empty, or ${DRAIN_LIMIT_MS / 1000} s
after the last alert. Times are from the first alert.

| measure | result | limit |
|---|---|---|
| messages per second at the fake Slack, most in any 10 s | **${r.maxPerSecond10s}** | ≤ 1.2 |
| messages per second at the fake Slack, on average | ${r.averagePerSecond} | |
| every group visible (its own card, or named in the digest card) | **${or(r.visibleS, `not all: ${r.visibleGroups} of ${GROUPS}`)}** | |
| alerts lost (accepted − stored distinct fingerprints) | **${r.accepted - r.stored}** (${ALERTS.toLocaleString('en')} sent, ${r.accepted.toLocaleString('en')} accepted, ${r.stored.toLocaleString('en')} stored) | 0 |
| storm | ${r.stormS ? `began at ${r.stormS.began} s, over at ${or(r.stormS.over, 'not within the run')}` : 'none'} | |
| every group's latest card sent (the channel's outbox empty) | ${or(r.drainedS, `not within the run: ${r.waiting} messages still waiting`)} | |

At the fake Slack: ${calls.posts} group cards posted, ${calls.edits} edits of them, ${calls.threadLines} thread lines, ${calls.digest} posts and
edits of the digest card, ${calls.failed} refused. In the outbox: ${r.held.toLocaleString('en')} messages held during the storm, of which
${r.merged.toLocaleString('en')} were merged into the card or thread line that carried their news (kept, not sent one by one).
`;
}
