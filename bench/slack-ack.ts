// How fast Slack sees its requests acknowledged: signed slash commands against Zhiban, beside a
// bare Bolt app that only acknowledges, each in its own process, on the same machine in the same run.
import { FakeSlack } from '../test/support/fake-slack.js';
import { slashCommand } from '../test/support/slack-signer.js';
import { startServerProcess } from './server-process.js';
import { runPool, type LatencySummary } from './stats.js';

const SECRET = 'bench-signing-secret';
const TOTAL = 2000;
const WARM_UP = 400;
export const IN_FLIGHT = 200;

export interface SlackAckResult {
  bare: LatencySummary;
  zhiban: LatencySummary;
  repliesDelivered: number;
}

export async function benchSlackAck(databaseUri: string): Promise<SlackAckResult> {
  const slack = await FakeSlack.start();
  const env = { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl };
  try {
    const bareServer = await startServerProcess('bare', env);
    const bare = await measure(bareServer.url, slack).finally(() => bareServer.stop());
    const zhibanServer = await startServerProcess('zhiban', {
      ...env,
      PORT: '0',
      MONGODB_URI: databaseUri,
      LOG_LEVEL: 'silent',
    });
    try {
      const before = slack.callsTo('response').length + WARM_UP;
      const zhiban = await measure(zhibanServer.url, slack);
      // Acknowledged first, answered after: wait until every answer has reached Slack.
      await slack.waitFor('response', { count: before + TOTAL, timeoutMs: 60_000 });
      return { bare, zhiban, repliesDelivered: slack.callsTo('response').length - before };
    } finally {
      await zhibanServer.stop();
    }
  } finally {
    await slack.stop();
  }
}

async function measure(url: string, slack: FakeSlack): Promise<LatencySummary> {
  await load(url, slack, WARM_UP);
  return load(url, slack, TOTAL);
}

function load(url: string, slack: FakeSlack, total: number): Promise<LatencySummary> {
  return runPool(total, IN_FLIGHT, async (i) => {
    const result = await slashCommand(url, SECRET, {
      command: '/ops',
      text: i % 2 ? 'help' : 'whoami',
      userId: `UBENCH${i % 50}`,
      channelId: 'CBENCH',
      responseUrl: slack.responseUrl(),
    });
    if (result.status !== 200) throw new Error(`HTTP ${result.status}`);
  });
}
