// Reports end to end on Slack, Discord and the web console: the shared scenarios.
import { onEveryPlatform } from '../scenarios/every-platform.js';
import { REPORTS_CLOCK_START, reportScenarios } from '../scenarios/report-scenarios.js';

onEveryPlatform(
  {
    what: 'reports',
    label: 'reports',
    timeoutMs: 60_000,
    env: { REPORTS_SCHEDULE: 'on' },
    clockStartsAt: () => REPORTS_CLOCK_START,
  },
  reportScenarios,
);
