// How fast Slack sees its requests acknowledged: signed slash commands and button clicks against
// Zhiban, beside a bare Bolt app that only acknowledges, each server in its own process, on the
// same machine in the same run.
import { FakeSlack } from '../test/support/fake-slack.js';
import { blockAction, slashCommand, type SendResult } from '../test/support/slack-signer.js';
import { startServerProcess } from './server-process.js';
import { runPool, type LatencySummary } from './stats.js';

const SECRET = 'bench-signing-secret';
const ADMIN = 'UBENCHADMIN';
export const TOTAL = 2000;
export const WARM_UP = 400;
export const IN_FLIGHT = 200;

export interface Workload {
  name: string;
  send(url: string, slack: FakeSlack, i: number): Promise<SendResult>;
}

const opsHelp: Workload = {
  name: '`/ops help`·`whoami`',
  send: (url, slack, i) =>
    slashCommand(url, SECRET, {
      command: '/ops',
      text: i % 2 ? 'help' : 'whoami',
      userId: `UBENCH${i % 50}`,
      channelId: 'CBENCH',
      responseUrl: slack.responseUrl(),
    }),
};

let declared = 0;
const declare: Workload = {
  name: '`/incident declare`',
  send: (url, slack, i) => {
    declared += 1;
    return slashCommand(url, SECRET, {
      command: '/incident',
      text: `declare P${(i % 4) + 1} 压测事件 ${i}`,
      userId: `UBENCH${i % 50}`,
      channelId: 'CBENCH',
      responseUrl: slack.responseUrl(),
    });
  },
};

/** Clicks Acknowledge on the incidents the declare workload made, each once: real transitions. */
const acknowledge: Workload = {
  name: '`incident.ack` click',
  send: (url, slack, i) =>
    blockAction(url, SECRET, {
      actionId: 'incident.ack',
      value: `INC-${(i % declared) + 1}`,
      userId: ADMIN,
      channelId: 'CBENCH',
      messageTs: '1700000000.000100',
      responseUrl: slack.responseUrl(),
    }),
};

export interface AckRow {
  workload: string;
  bare: LatencySummary;
  zhiban: LatencySummary;
}

/**
 * Each workload against the bare Bolt app, then against Zhiban on `databaseUri` (which should be
 * empty: the clicks acknowledge the incidents this run declares), `inFlight` requests at a time.
 */
export async function benchSlackAck(databaseUri: string, inFlight = IN_FLIGHT): Promise<AckRow[]> {
  declared = 0;
  const slack = await FakeSlack.start();
  const env = { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl };
  const workloads = [opsHelp, declare, acknowledge];
  try {
    const bareServer = await startServerProcess('bare', env);
    const bare = new Map<Workload, LatencySummary>();
    try {
      for (const w of workloads) bare.set(w, await measure(bareServer.url, slack, w, inFlight));
    } finally {
      await bareServer.stop();
    }
    const zhibanServer = await startServerProcess('zhiban', {
      ...env,
      PORT: '0',
      MONGODB_URI: databaseUri,
      ADMIN_USERS: `slack:${ADMIN}`,
      LOG_LEVEL: 'silent',
    });
    try {
      await opsHelp.send(zhibanServer.url, slack, 0);
      await slashCommand(zhibanServer.url, SECRET, {
        command: '/ops',
        text: 'channel set incidents',
        userId: ADMIN,
        channelId: 'CINCIDENTS',
        responseUrl: slack.responseUrl(),
      });
      const rows: AckRow[] = [];
      for (const w of workloads) {
        rows.push({
          workload: w.name,
          bare: bare.get(w)!,
          zhiban: await measure(zhibanServer.url, slack, w, inFlight),
        });
      }
      return rows;
    } finally {
      await zhibanServer.stop();
    }
  } finally {
    await slack.stop();
  }
}

async function measure(url: string, slack: FakeSlack, workload: Workload, inFlight: number): Promise<LatencySummary> {
  const run = (total: number, offset: number) =>
    runPool(total, inFlight, async (i) => {
      const result = await workload.send(url, slack, offset + i);
      if (result.status !== 200) throw new Error(`${workload.name}: HTTP ${result.status}`);
    });
  await run(WARM_UP, 0);
  return run(TOTAL, WARM_UP);
}
