// soak: the mixed load for a long duration (default 30 minutes: DURATION=2h to change it).
import { SERVICE, scenarioParams, testId } from './lib/config.js';
import { mixedOptions, mixedScenarios, mixedSetup } from './lib/mixed.js';
import { summaryHandler } from './lib/summary.js';

const params = scenarioParams(open('./scenarios/soak.json'));
const scenarios = mixedScenarios(params);

export const options = mixedOptions('soak', params);

export function setup() {
    return mixedSetup('SK', params);
}

export const reads = scenarios.reads;
export const purchases = scenarios.purchases;
export const cancels = scenarios.cancels;
export const polls = scenarios.polls;
export const teardown = scenarios.teardown;

export const handleSummary = summaryHandler({ workload: 'soak', service: SERVICE, testid: testId('soak'), params });
