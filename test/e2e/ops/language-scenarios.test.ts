// A channel's language, and the console's cards in each viewer's language: the shared scenarios.
import { onEveryPlatform } from '../scenarios/every-platform.js';
import { languageScenarios } from '../scenarios/language-scenarios.js';

onEveryPlatform({ what: 'cards in the channel’s language', label: 'language' }, languageScenarios);
