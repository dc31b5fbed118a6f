// Roles and the audit trail end to end on Slack, Discord and the web console: the shared scenarios.
import { onEveryPlatform } from '../scenarios/every-platform.js';
import { lateTomorrow, roleScenarios } from '../scenarios/role-scenarios.js';

onEveryPlatform({ what: '/ops role and /ops audit', label: 'roles', clockStartsAt: lateTomorrow }, roleScenarios);
