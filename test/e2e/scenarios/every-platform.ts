// Runs scenarios written once on Slack, on Discord and on the web console: one Zhiban per platform,
// with only that platform on, driven as its people use it.
import { Harness, type HarnessOptions } from '../../support/harness.js';
import { discordDriver, slackDriver, webDriver, type ChatDriver } from './chat-driver.js';

interface PlatformUnderTest {
  title: string;
  harness: Pick<HarnessOptions, 'slack' | 'discord' | 'env'>;
  driver(h: () => Harness): ChatDriver;
}

const EVERY_PLATFORM: PlatformUnderTest[] = [
  { title: 'Slack', harness: { slack: true }, driver: slackDriver },
  { title: 'Discord', harness: { discord: true }, driver: discordDriver },
  { title: 'Web console', harness: { env: { WEB_CONSOLE: 'on' } }, driver: webDriver },
];

export interface ScenarioSuite {
  /** Named in each describe: `Slack: <what>`. */
  what: string;
  label: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

export function onEveryPlatform(suite: ScenarioSuite, scenarios: (driver: ChatDriver, h: () => Harness) => void): void {
  for (const platform of EVERY_PLATFORM) {
    describe(`${platform.title}: ${suite.what}`, function () {
      if (suite.timeoutMs) this.timeout(suite.timeoutMs);
      let h: Harness;

      before(async function () {
        h = await Harness.start({
          ...platform.harness,
          label: `${platform.title.split(' ')[0]!.toLowerCase()}-${suite.label}`,
          env: { ...platform.harness.env, ...suite.env },
        });
      });

      after(async function () {
        await h?.stop();
      });

      scenarios(
        platform.driver(() => h),
        () => h,
      );
    });
  }
}
