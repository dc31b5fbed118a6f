// The server under test, in a process of its own so the load generator does not share its
// event loop: `bare` (a Bolt app that only acknowledges) or `zhiban`. Prints its URL, then
// serves until stdin closes.
import type { AddressInfo } from 'node:net';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import { Zhiban } from '../src/app.js';
import { loadConfig } from '../src/domains/registry.js';
import { silentLogger } from '../src/kernel/logger.js';

async function serve(mode: string): Promise<() => Promise<void>> {
  if (mode === 'bare') {
    const receiver = new ExpressReceiver({
      signingSecret: process.env.SLACK_SIGNING_SECRET!,
      logLevel: LogLevel.ERROR,
    });
    const app = new App({
      token: process.env.SLACK_BOT_TOKEN!,
      receiver,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: process.env.SLACK_API_URL! },
    });
    app.command(/.*/, async ({ ack }) => ack());
    app.action(/.*/, async ({ ack }) => ack());
    const server = await app.start({ port: 0, host: '127.0.0.1' });
    process.stdout.write(`LISTENING http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
    return async () => {
      await app.stop();
    };
  }
  const config = loadConfig(process.env);
  if (!config.ok) throw new Error(config.problems.join('; '));
  const zhiban = await Zhiban.start(config.config, { logger: silentLogger() });
  process.stdout.write(`LISTENING ${zhiban.url}\n`);
  return () => zhiban.stop();
}

serve(process.argv[2] ?? 'zhiban').then(
  (stop) => {
    process.stdin.resume();
    process.stdin.on('end', () => void stop().finally(() => process.exit(0)));
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
