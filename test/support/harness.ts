// Starts a real Zhiban against a fresh test database and, on request, a fake Slack and a
// fake Discord; restart() keeps the database, so tests can check what survives a restart.
import { Zhiban } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import { silentLogger } from '../../src/logger.js';
import { testDatabaseUri } from './db.js';
import { FakeDiscord } from './fake-discord.js';
import { FakeSlack } from './fake-slack.js';

export const SLACK_SECRET = 'test-signing-secret-0123456789';
export const WEBHOOK_TOKEN = 'test-webhook-token-0123456789';
export const ADMIN_SLACK = 'UADMIN0001';
export const ADMIN_DISCORD = '300000000000000001';

export interface HarnessOptions {
  label: string;
  slack?: boolean;
  discord?: boolean;
  env?: Record<string, string>;
}

export class Harness {
  private constructor(
    readonly env: Record<string, string>,
    public zhiban: Zhiban,
    readonly slack: FakeSlack | undefined,
    readonly discord: FakeDiscord | undefined,
  ) {}

  static async start(options: HarnessOptions): Promise<Harness> {
    const slack = options.slack ? await FakeSlack.start() : undefined;
    const discord = options.discord ? await FakeDiscord.start() : undefined;
    const env: Record<string, string> = {
      PORT: '0',
      MONGODB_URI: testDatabaseUri(options.label),
      WEBHOOK_TOKEN,
      ADMIN_USERS: `slack:${ADMIN_SLACK},discord:${ADMIN_DISCORD}`,
      LOG_LEVEL: 'silent',
      ...(slack
        ? { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_API_URL: slack.apiUrl }
        : {}),
      ...(discord
        ? {
            DISCORD_TOKEN: 'discord-test-token',
            DISCORD_APPLICATION_ID: discord.applicationId,
            DISCORD_GUILD_ID: discord.guildId,
            DISCORD_API_URL: discord.apiUrl,
          }
        : {}),
      ...options.env,
    };
    return new Harness(env, await startZhiban(env), slack, discord);
  }

  get url(): string {
    return this.zhiban.url;
  }

  /** A new process would read the same configuration and database. */
  async restart(): Promise<void> {
    await this.zhiban.stop();
    this.zhiban = await startZhiban(this.env);
  }

  async stop(): Promise<void> {
    await this.zhiban.stop();
    await this.slack?.stop();
    await this.discord?.stop();
  }
}

async function startZhiban(env: Record<string, string>): Promise<Zhiban> {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(`test configuration is wrong: ${result.problems.join('; ')}`);
  return Zhiban.start(result.config, { logger: silentLogger(), jobsProcessEvery: '200 milliseconds' });
}
