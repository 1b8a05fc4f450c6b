// The options every scenario shares: test-wide tags (what the "k6 run" dashboard selects on), the
// tags worth keeping, and thresholds built from the scenario's data file.
import { SERVICE, testId } from './config.js';

/**
 * The system tags kept: url and name are left out on purpose, since every id in a path would become
 * a series in Prometheus; the endpoint tag names the route instead.
 */
const SYSTEM_TAGS = ['status', 'method', 'group', 'check', 'scenario', 'expected_response', 'error_code'];

/**
 * Options for one scenario script. params: its data file (maxFailedRate, minCheckRate and p99Ms, the
 * p(99) limit in milliseconds per endpoint); thresholds: the script's own, on its custom metrics.
 * @param {string} workload
 * @param {any} params
 * @param {{ [name: string]: import('k6/options').Scenario }} scenarios
 * @param {{ [metric: string]: string[] }} [thresholds]
 * @returns {import('k6/options').Options}
 */
export function scenarioOptions(workload, params, scenarios, thresholds) {
    const all = {
        // An open model that could not start an iteration on time measured less than it was asked to.
        dropped_iterations: ['count==0'],
        http_req_failed: [`rate<=${params.maxFailedRate}`],
        checks: [`rate>=${params.minCheckRate}`],
    };
    for (const [endpoint, ms] of Object.entries(params.p99Ms)) {
        all[`http_req_duration{endpoint:${endpoint}}`] = [`p(99)<${ms}`];
    }
    return {
        scenarios,
        thresholds: Object.assign(all, thresholds),
        tags: { service: SERVICE, testid: testId(workload), workload },
        systemTags: SYSTEM_TAGS,
        summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(99)', 'count'],
        setupTimeout: params.setupTimeout || '60s',
        teardownTimeout: '60s',
    };
}

/** Seconds in a k6 duration such as "30s", "1m30s", "2h" or "250ms". */
export function seconds(duration) {
    const text = String(duration);
    const factors = { ms: 0.001, s: 1, m: 60, h: 3600 };
    const part = /^(\d+(?:\.\d+)?)(ms|s|m|h)/;
    let rest = text;
    let total = 0;
    while (rest !== '') {
        const match = part.exec(rest);
        if (match === null) {
            throw new Error(`not a duration: "${text}"`);
        }
        total += Number(match[1]) * factors[match[2]];
        rest = rest.slice(match[0].length);
    }
    if (text === '') {
        throw new Error('not a duration: ""');
    }
    return total;
}
