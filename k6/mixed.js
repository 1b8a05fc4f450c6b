// mixed: reads, purchases, cancels and background long polls, each at its own arrival rate.
import { SERVICE, scenarioParams, testId } from './lib/config.js';
import { mixedOptions, mixedScenarios, mixedSetup } from './lib/mixed.js';
import { summaryHandler } from './lib/summary.js';

const params = scenarioParams(open('./scenarios/mixed.json'));
const scenarios = mixedScenarios(params);

export const options = mixedOptions('mixed', params);

export function setup() {
    return mixedSetup('MX', params);
}

export const reads = scenarios.reads;
export const purchases = scenarios.purchases;
export const cancels = scenarios.cancels;
export const polls = scenarios.polls;
export const teardown = scenarios.teardown;

export const handleSummary = summaryHandler({ workload: 'mixed', service: SERVICE, testid: testId('mixed'), params });
