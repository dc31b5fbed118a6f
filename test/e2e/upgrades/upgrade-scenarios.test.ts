// Upgrades end to end on Slack, Discord and the web console: the shared scenarios, under a moved
// clock (the reminders are a day and an hour before the window) and fast alert groups.
import { FAST_ALERT_GROUPS } from '../scenarios/alert-scenarios.js';
import { onEveryPlatform } from '../scenarios/every-platform.js';
import { upgradeScenarios } from '../scenarios/upgrade-scenarios.js';

onEveryPlatform(
  {
    what: 'upgrades',
    label: 'upgrades',
    env: FAST_ALERT_GROUPS,
    timeoutMs: 30_000,
    clockStartsAt: () => new Date(),
  },
  upgradeScenarios,
);
