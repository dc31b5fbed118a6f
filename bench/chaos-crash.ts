// `npm run chaos`, scenario 1 (issue 18): an alert storm of 5,000 into Zhiban started as `npm start`
// starts it (file storage, the embedded engine in a process of its own, Slack through the fake),
// Node and the engine killed together with SIGKILL halfway, as an OOM killer or a power cut of the
// process would; started again on the same DATA_DIR. What was answered 202 is counted against what
// is stored, and what the outbox had to say against what reached the fake Slack.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { countChat, type ChatCount } from '../test/support/chat-count.js';
import { countStored, sendStorm, type StoredCount, type StormPlan } from '../test/support/crash-storm.js';
import { FakeSlack } from '../test/support/fake-slack.js';
import { slashCommand } from '../test/support/slack-signer.js';
import { waitUntil } from '../test/support/wait-until.js';
import { ZhibanProcess } from '../test/support/zhiban-child.js';
import type { ChaosRow } from './chaos-table.js';

export const CRASH_PLAN = { total: 5000, batch: 100, inFlight: 4, groups: 30, prefix: 'chaos', killAfter: 2500 };
const SECRET = 'chaos-signing-secret';
const ADMIN = 'UCHAOSADMIN';
const CHANNEL = 'CCHAOSCRASH';

export interface CrashResult {
  sent: number;
  accepted: number;
  refused: number;
  unanswered: number;
  count: StoredCount;
  chat: ChatCount;
  /** From the SIGKILL until no process of the group is left. */
  goneMs: number;
  /** From the SIGKILL until the restarted Zhiban answers /readyz 200 (start-up included). */
  readyAgainMs: number;
  /** From the SIGKILL until the restarted Zhiban's outbox has said everything (the dead sender's lock expiry included). */
  drainedMs: number;
}

/** Zhiban as `npm start` runs it, on `dataDir`, talking to `slack`, alert groups flushed fast. */
export function slackProcess(dataDir: string, slack: FakeSlack): Promise<ZhibanProcess> {
  return ZhibanProcess.start({
    dataDir,
    startTimeoutMs: 60_000,
    env: {
      SLACK_BOT_TOKEN: 'xoxb-chaos',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      ADMIN_USERS: `slack:${ADMIN}`,
      ALERT_GROUP_WAIT: '1s',
      ALERT_GROUP_INTERVAL: '2s',
    },
  });
}

export async function chaosCrash(): Promise<CrashResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'zhiban-chaos-crash-'));
  const slack = await FakeSlack.start();
  let running: ZhibanProcess | undefined;
  try {
    const first = await slackProcess(dataDir, slack);
    running = first;
    await first.ready(60_000);
    await slashCommand(first.url, SECRET, {
      command: '/ops',
      text: 'channel set alerts',
      userId: ADMIN,
      channelId: CHANNEL,
      responseUrl: slack.responseUrl(),
    });
    let killedAt = 0;
    let gone: Promise<number> | undefined;
    const plan: StormPlan = {
      ...CRASH_PLAN,
      killAt: {
        accepted: CRASH_PLAN.killAfter,
        kill: () => {
          killedAt = performance.now();
          gone = first.killGroup();
        },
      },
    };
    const storm = await sendStorm(first.url, plan);
    if (!gone) throw new Error(`the storm ended before ${CRASH_PLAN.killAfter} alerts were accepted`);
    const goneMs = await gone;
    running = undefined;

    const second = await slackProcess(dataDir, slack);
    running = second;
    await second.ready(60_000);
    const readyAgainMs = performance.now() - killedAt;
    const count = await countStored(second.databaseUri, storm.accepted, CRASH_PLAN.prefix);
    // Every group the storm made gets its card (the restarted flush job announces those the dead
    // process had not); what the dead process was sending waits out its lock (60 s); then all goes out.
    const chat = await waitUntil(
      async () => {
        if (!(await everyGroupAnnounced(second.databaseUri))) return false;
        const c = await countChat(second.databaseUri, slack, [CHANNEL]);
        return c.unsettled === 0 && c;
      },
      'the restarted outbox to say everything',
      { timeoutMs: 600_000, everyMs: 500 },
    );
    const drainedMs = performance.now() - killedAt;
    await second.stop();
    running = undefined;
    return {
      sent: storm.sent,
      accepted: storm.accepted.size,
      refused: storm.refused,
      unanswered: storm.unanswered,
      count,
      chat,
      goneMs,
      readyAgainMs,
      drainedMs,
    };
  } finally {
    await running?.killGroup();
    await slack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Whether every alert group has its short id and an outbox message for Slack about it. */
async function everyGroupAnnounced(uri: string): Promise<boolean> {
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    const db = client.db();
    const groups = await db
      .collection<{ _id: string; shortId?: string }>('alert_groups')
      .find({}, { projection: { shortId: 1 } })
      .toArray();
    if (groups.length === 0 || groups.some((g) => !g.shortId)) return false;
    const subjects = new Set(await db.collection('outbox_messages').distinct('subject', { platform: 'slack' }));
    return groups.every((g) => subjects.has(`alert-group:${g.shortId}`));
  } finally {
    await client.close();
  }
}

export function crashRow(r: CrashResult): ChaosRow {
  return {
    scenario: '1. kill -9 mid-storm',
    sent: r.sent,
    accepted: r.accepted,
    stored: r.count.stored,
    sentToChat: r.chat.sent + r.chat.edited,
    duplicates: r.chat.duplicates,
    lost: r.count.lost.length + r.count.groupsLost.length + r.chat.lost,
    recoveryMs: r.drainedMs,
    recoveryWhat: 'from the SIGKILL until the restarted outbox has said everything',
  };
}

export function crashSection(r: CrashResult): string {
  const p = CRASH_PLAN;
  const n = (x: number) => x.toLocaleString('en');
  return `### 1. A SIGKILL of the whole process group in an alert storm

${n(p.total)} generic alerts (each its own fingerprint, ${p.groups} groups) to \`POST /webhooks/alerts\` in batches of
${p.batch}, ${p.inFlight} in flight, to Zhiban started as \`npm start\` starts it (file storage under its own
\`DATA_DIR\`, the embedded engine in a process of its own, Slack through the fake, alert groups flushed after
1 s); the process group (Node and the engine) killed with SIGKILL as soon as ${n(p.killAfter)} alerts were
answered 202, and started again on the same \`DATA_DIR\`. Stored is read from the restarted Zhiban's database;
sent to chat is each outbox post and thread line for Slack found on the fake by the outbox id it carries.

| measure | result | must be |
|---|---|---|
| alerts sent (requests that went out) | ${n(r.sent)} | |
| answered 202 | ${n(r.accepted)} | |
| answered otherwise | ${n(r.refused)} | |
| no answer (the process died under them) | ${n(r.unanswered)} | |
| answered 202 and stored | **${n(r.count.stored)}** | ${n(r.accepted)} |
| answered 202 and lost | **${n(r.count.lost.length)}** | 0 |
| groups of accepted alerts lost | **${n(r.count.groupsLost.length)}** | 0 |
| stored in all (accepted, and some whose answer was lost) | ${n(r.count.storedInAll)} | ≤ ${n(r.accepted + r.unanswered)} |
| posts and thread lines the outbox had for Slack | ${n(r.chat.wished)} | |
| of them on the fake Slack (a post whose card was up already: as its edit) | **${n(r.chat.sent + r.chat.edited)}** | ${n(r.chat.wished)} |
| posted more than once | **${n(r.chat.duplicates)}** | 0 |
| from the SIGKILL until no process of the group is left | ${Math.round(r.goneMs)} ms | |
| from the SIGKILL until the restarted Zhiban answers \`/readyz\` 200 | ${(r.readyAgainMs / 1000).toFixed(1)} s | |
| from the SIGKILL until the restarted outbox has said everything | ${(r.drainedMs / 1000).toFixed(1)} s | |
`;
}
