// The shim of the "k6" module: check, group, sleep, fail, with k6's documented semantics.
const shim = globalThis.__shim;

export function check(value, sets, tags) {
    let all = true;
    const tagsJson = JSON.stringify(tags || {});
    for (const name of Object.keys(sets)) {
        const expectation = sets[name];
        const ok = Boolean(typeof expectation === 'function' ? expectation(value) : expectation);
        shim.check(name, ok, tagsJson, ok ? '' : describe(value));
        all = all && ok;
    }
    return all;
}

// Not k6's: the contract test names the reply that failed a check, so its report says why.
function describe(value) {
    if (value === null || typeof value !== 'object' || !('status' in value) || !value.request) {
        return '';
    }
    const body = typeof value.body === 'string' ? value.body.slice(0, 300) : String(value.body);
    return `${value.request.method} ${value.url} answered ${value.status}${value.error ? ` (${value.error})` : ''} ${body}`;
}

export function group(name, fn) {
    shim.groupEnter(String(name));
    const start = Date.now();
    try {
        return fn();
    } finally {
        shim.groupExit(Date.now() - start);
    }
}

export function sleep(seconds) {
    shim.sleep(Number(seconds));
}

export function fail(message) {
    throw new Error(message === undefined ? 'fail() called' : String(message));
}

export function randomSeed() {
    throw new Error('k6 shim: randomSeed() is not implemented');
}

export default { check, group, sleep, fail, randomSeed };
