// Restores end to end on Slack, Discord and the web console: the shared scenarios.
import { onEveryPlatform } from '../scenarios/every-platform.js';
import { restoreScenarios } from '../scenarios/restore-scenarios.js';

onEveryPlatform(
  { what: 'restores', label: 'restores', env: { RESTORE_APPROVALS_REQUIRED: '2' }, timeoutMs: 30_000 },
  restoreScenarios,
);
