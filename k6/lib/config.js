// Which service a run measures, where it listens, and the scenario's parameters: everything comes
// from the environment (k6's -e or the process environment), so one script serves every service.
const SERVICES = {
    blocking: { urlVar: 'BLOCKING_URL', fallback: 'http://127.0.0.1:8081' },
    reactive: { urlVar: 'REACTIVE_URL', fallback: 'http://127.0.0.1:8082' },
    'virtual-threads': { urlVar: 'VTHREADS_URL', fallback: 'http://127.0.0.1:8083' },
};

/** blocking | reactive | virtual-threads: also the X-Concurrency-Model every reply must carry. */
export const SERVICE = __ENV.SERVICE || 'blocking';
if (!SERVICES[SERVICE]) {
    throw new Error(`SERVICE must be one of ${Object.keys(SERVICES).join(', ')}, not "${SERVICE}"`);
}

/** The service's base URL, without a trailing slash. */
export const BASE_URL = (__ENV[SERVICES[SERVICE].urlVar] || SERVICES[SERVICE].fallback).replace(/\/+$/, '');

/** Where handleSummary writes (relative to the working directory, as k6 does). */
export const RESULTS_DIR = (__ENV.RESULTS_DIR || 'results/k6').replace(/\/+$/, '');

/**
 * The run's id, also the testid tag of every metric: compare.sh sets one per run. The fallback must be
 * the same in every VU (each evaluates this file), so it is not a timestamp.
 */
export function testId(workload) {
    return __ENV.TESTID || `${workload}-${SERVICE}`;
}

/**
 * A scenario's parameters: the JSON data file (read by the script with open(), in the init context),
 * where any top-level number, string or boolean can be overridden by an environment variable named
 * after it in upper snake case: buyers -> BUYERS, waitMs -> WAIT_MS, readRate -> READ_RATE.
 */
export function scenarioParams(json) {
    const params = JSON.parse(json);
    for (const [key, value] of Object.entries(params)) {
        const raw = __ENV[envName(key)];
        if (raw === undefined || raw === '' || value === null || typeof value === 'object') {
            continue;
        }
        params[key] = coerce(key, raw, typeof value);
    }
    return params;
}

export function envName(key) {
    return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function coerce(key, raw, type) {
    if (type === 'number') {
        const number = Number(raw);
        if (!Number.isFinite(number)) {
            throw new Error(`${envName(key)} must be a number, not "${raw}"`);
        }
        return number;
    }
    if (type === 'boolean') {
        if (raw !== 'true' && raw !== 'false') {
            throw new Error(`${envName(key)} must be true or false, not "${raw}"`);
        }
        return raw === 'true';
    }
    return raw;
}
