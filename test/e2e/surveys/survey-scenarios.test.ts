// Satisfaction surveys end to end on Slack, Discord and the web console: the shared scenarios.
import { onEveryPlatform } from '../scenarios/every-platform.js';
import { surveyScenarios } from '../scenarios/survey-scenarios.js';

onEveryPlatform({ what: 'surveys', label: 'surveys', timeoutMs: 60_000 }, surveyScenarios);
