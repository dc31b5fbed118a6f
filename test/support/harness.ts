// Starts a real Zhiban against a fresh test database and, on request, a fake Slack, a fake
// Discord and a fake Feishu; restart() keeps the database, so tests can check what survives a restart.
import { Zhiban, type ZhibanOptions } from '../../src/app.js';
import { loadConfig } from '../../src/domains/registry.js';
import { createLogger, silentLogger } from '../../src/kernel/logger.js';
import type { OutboxPolicyOverrides } from '../../src/notify/outbox-policy.js';
import { testDatabaseUri } from './db.js';
import { FakeDiscord, type FakeDiscordOptions } from './fake-discord.js';
import { FEISHU_APP_SECRET, FakeFeishu, type FakeFeishuOptions } from './fake-feishu.js';
import { FakeSlack, type FakeSlackOptions } from './fake-slack.js';

export const SLACK_SECRET = 'test-signing-secret-0123456789';
/** The app-level token Zhiban opens Socket Mode with (`slack: 'socket'`). */
export const SLACK_APP_TOKEN = 'xapp-1-A0ZHIBAN1-fake-app-token';
export const WEBHOOK_TOKEN = 'test-webhook-token-0123456789';
export const ADMIN_SLACK = 'UADMIN0001';
export const ADMIN_DISCORD = '300000000000000001';
export const ADMIN_FEISHU = 'ou_adm00000000000000000000000000001';

/**
 * The outbox ten times faster than the platforms allow, so a test's messages go out in tenths of a
 * second; tests of the real rates pass `options: { outbox: DEFAULT_OUTBOX_POLICY }`. No storms: a
 * test's burst of messages is checked one by one; the storm tests set their own thresholds.
 */
export const TEST_OUTBOX: OutboxPolicyOverrides = {
  pollMs: 100,
  rates: {
    slack: { limit: 2, windowMs: 200 },
    discord: { limit: 5, windowMs: 500 },
    feishu: { limit: 4, windowMs: 200 },
  },
  backoff: { firstMs: 200, maxMs: 1000, maxAttempts: 4 },
  storm: { enterAt: Number.MAX_SAFE_INTEGER },
};

export interface HarnessOptions {
  label: string;
  /**
   * A fake Slack (with these options, when given). `'socket'`: Zhiban reaches it in Socket Mode
   * (SLACK_APP_TOKEN set), receiving over the fake's websocket instead of at /slack/events.
   */
  slack?: boolean | 'socket' | FakeSlackOptions;
  /** A fake Discord (with these options, when given). */
  discord?: boolean | FakeDiscordOptions;
  /** A fake Feishu (with these options, when given). */
  feishu?: boolean | FakeFeishuOptions;
  env?: Record<string, string>;
  /** Options of the Zhiban itself (e.g. a faster outbox), kept across restart(). */
  options?: Partial<Omit<ZhibanOptions, 'logger'>>;
}

export class Harness {
  private constructor(
    readonly env: Record<string, string>,
    readonly options: Partial<Omit<ZhibanOptions, 'logger'>>,
    public zhiban: Zhiban,
    readonly slack: FakeSlack | undefined,
    readonly discord: FakeDiscord | undefined,
    readonly feishu: FakeFeishu | undefined = undefined,
  ) {}

  static async start(options: HarnessOptions): Promise<Harness> {
    const slackOptions = typeof options.slack === 'object' ? options.slack : {};
    const slack = options.slack ? await FakeSlack.start(slackOptions) : undefined;
    const discord = options.discord
      ? await FakeDiscord.start(options.discord === true ? {} : options.discord)
      : undefined;
    const feishu = options.feishu ? await FakeFeishu.start(options.feishu === true ? {} : options.feishu) : undefined;
    const env: Record<string, string> = {
      PORT: '0',
      MONGODB_URI: testDatabaseUri(options.label),
      WEBHOOK_TOKEN,
      ADMIN_USERS: `slack:${ADMIN_SLACK},discord:${ADMIN_DISCORD},feishu:${ADMIN_FEISHU}`,
      LOG_LEVEL: 'silent',
      // The web console is on by default on loopback; suites about it turn it on, the others keep it out of the way.
      WEB_CONSOLE: 'off',
      // The scheduled reports would post a digest into every suite's `reports` channel; their own suites turn them on.
      REPORTS_SCHEDULE: 'off',
      ...(slack
        ? { SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_API_URL: slack.apiUrl }
        : {}),
      ...(options.slack === 'socket' ? { SLACK_APP_TOKEN } : {}),
      ...(discord
        ? {
            DISCORD_TOKEN: 'discord-test-token',
            DISCORD_APPLICATION_ID: discord.applicationId,
            DISCORD_GUILD_ID: discord.guildId,
            DISCORD_API_URL: discord.apiUrl,
          }
        : {}),
      ...(feishu
        ? { FEISHU_APP_ID: feishu.appId, FEISHU_APP_SECRET: FEISHU_APP_SECRET, FEISHU_DOMAIN: feishu.domain }
        : {}),
      ...options.env,
    };
    const zhibanOptions = options.options ?? {};
    return new Harness(env, zhibanOptions, await startZhiban(env, zhibanOptions), slack, discord, feishu);
  }

  get url(): string {
    return this.zhiban.url;
  }

  /** A new process would read the same configuration and database. */
  async restart(): Promise<void> {
    await this.zhiban.stop();
    this.zhiban = await startZhiban(this.env, this.options);
  }

  async stop(): Promise<void> {
    await this.zhiban.stop();
    await this.slack?.stop();
    await this.discord?.stop();
    await this.feishu?.stop();
  }
}

/** Another process on the harness's database and fakes, for tests of several processes at once. */
export async function startZhiban(
  env: Record<string, string>,
  options: Partial<Omit<ZhibanOptions, 'logger'>> = {},
): Promise<Zhiban> {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(`test configuration is wrong: ${result.problems.join('; ')}`);
  // TEST_LOG_LEVEL=debug shows the app's log on stderr while a test runs.
  const logger = process.env.TEST_LOG_LEVEL ? createLogger(process.env.TEST_LOG_LEVEL, process.stderr) : silentLogger();
  return Zhiban.start(result.config, { jobsProcessEveryMs: 200, outbox: TEST_OUTBOX, ...options, logger });
}
