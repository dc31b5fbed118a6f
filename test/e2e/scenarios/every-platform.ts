// Runs scenarios written once on Slack (over its Request URL, and in Socket Mode over a websocket),
// on Discord, on the web console and on Feishu: one Zhiban per platform, with only that platform on,
// driven as its people use it.
import { Harness, type HarnessOptions } from '../../support/harness.js';
import { MovedClock } from '../../support/moved-clock.js';
import { discordDriver, slackDriver, slackSocketDriver, webDriver, type ChatDriver } from './chat-driver.js';
import { feishuDriver } from './feishu-driver.js';

interface PlatformUnderTest {
  title: string;
  harness: Pick<HarnessOptions, 'slack' | 'discord' | 'feishu' | 'env'>;
  driver(h: () => Harness): ChatDriver;
}

const EVERY_PLATFORM: PlatformUnderTest[] = [
  { title: 'Slack', harness: { slack: true }, driver: slackDriver },
  // Every suite, not a few: over the socket they took 56 s in all (2026-12-01), as over HTTP.
  { title: 'Slack (Socket Mode)', harness: { slack: 'socket' }, driver: slackSocketDriver },
  { title: 'Discord', harness: { discord: true }, driver: discordDriver },
  { title: 'Web console', harness: { env: { WEB_CONSOLE: 'on' } }, driver: webDriver },
  { title: 'Feishu', harness: { feishu: true }, driver: feishuDriver },
];

export interface ScenarioSuite {
  /** Named in each describe: `Slack: <what>`. */
  what: string;
  label: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /**
   * Runs each platform's Zhiban under a moved clock (test/support/moved-clock.ts) that starts at
   * the time this gives, installed before it starts and restored after it stops.
   */
  clockStartsAt?: () => Date;
}

/** The suite's moved clock; only for a suite with `clockStartsAt`. */
export type ClockOf = () => MovedClock;

export function onEveryPlatform(
  suite: ScenarioSuite,
  scenarios: (driver: ChatDriver, h: () => Harness, clock: ClockOf) => void,
): void {
  for (const platform of EVERY_PLATFORM) {
    describe(`${platform.title}: ${suite.what}`, function () {
      if (suite.timeoutMs) this.timeout(suite.timeoutMs);
      let h: Harness;
      let clock: MovedClock | undefined;

      before(async function () {
        if (suite.clockStartsAt) clock = MovedClock.install(suite.clockStartsAt());
        h = await Harness.start({
          ...platform.harness,
          label: `${platform.title.split(' ')[0]!.toLowerCase()}-${suite.label}`,
          env: { ...platform.harness.env, ...suite.env },
        });
      });

      after(async function () {
        await h?.stop();
        clock?.restore();
      });

      scenarios(
        platform.driver(() => h),
        () => h,
        () => {
          if (!clock) throw new Error(`${suite.what}: give the suite clockStartsAt to move its clock`);
          return clock;
        },
      );
    });
  }
}
