// The incident lifecycle end to end on Slack, Discord and the web console: the shared scenarios.
import { onEveryPlatform } from '../scenarios/every-platform.js';
import { incidentScenarios } from '../scenarios/incident-scenarios.js';

onEveryPlatform({ what: 'incidents', label: 'incidents' }, incidentScenarios);
