import { defineCliScenarios } from '../helpers/cli-scenarios.js';

defineCliScenarios('cloud');
