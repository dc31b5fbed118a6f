// Backups end to end on Slack, Discord and the web console: the shared scenarios.
import { FAST_ALERT_GROUPS } from '../scenarios/alert-scenarios.js';
import { backupScenarios } from '../scenarios/backup-scenarios.js';
import { onEveryPlatform } from '../scenarios/every-platform.js';

onEveryPlatform({ what: 'backups', label: 'backups', env: FAST_ALERT_GROUPS, timeoutMs: 30_000 }, backupScenarios);
