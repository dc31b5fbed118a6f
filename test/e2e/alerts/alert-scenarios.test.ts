// Alert groups end to end on Slack, Discord and the web console: the shared scenarios.
import { alertScenarios, FAST_ALERT_GROUPS } from '../scenarios/alert-scenarios.js';
import { onEveryPlatform } from '../scenarios/every-platform.js';

onEveryPlatform({ what: 'alert groups', label: 'alerts', env: FAST_ALERT_GROUPS, timeoutMs: 30_000 }, alertScenarios);
