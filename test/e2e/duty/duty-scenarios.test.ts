// The duty roster end to end on Slack, Discord and the web console: the shared scenarios.
import { dutyMorning, dutyScenarios } from '../scenarios/duty-scenarios.js';
import { onEveryPlatform } from '../scenarios/every-platform.js';

onEveryPlatform({ what: 'duty roster', label: 'duty', timeoutMs: 60_000, clockStartsAt: dutyMorning }, dutyScenarios);
