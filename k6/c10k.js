// c10k: `vus` VUs each hold a long poll on one train (and poll again when it answers) while another
// scenario sells and cancels seats at `saleRate` per second. Every change must wake every waiting
// poll. Each VU keeps its own keep-alive connection (k6 gives every VU its own), so the crowd is
// `vus` connections held open, as in measurement.md's definition.
import { sleep } from 'k6';
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';
import * as api from './lib/api.js';
import { checkReply, isTicket, isUpdate, json } from './lib/checks.js';
import { SERVICE, scenarioParams, testId } from './lib/config.js';
import { passenger, requestId, trainBody } from './lib/data.js';
import { scenarioOptions } from './lib/options.js';
import { summaryHandler } from './lib/summary.js';

const params = scenarioParams(open('./scenarios/c10k.json'));

const wakeups = new Counter('c10k_wakeups');
const wakeupLatency = new Trend('c10k_wakeup_latency', true);
const timeouts = new Counter('c10k_poll_timeouts');
const errors = new Counter('c10k_poll_errors');
// Past the service's bound on held polls (c10k.admission.max-waiting-polls) a poll is refused at once, 503 with
// Retry-After: not an error, but a crowd this service cannot hold.
const refused = new Counter('c10k_poll_refused');

// A poll in flight when the test ends may wait waitMs more: let it finish instead of cutting it.
const drain = `${Math.ceil(params.waitMs / 1000) + 15}s`;

export const options = scenarioOptions('c10k', params, {
    polls: {
        executor: 'ramping-vus',
        exec: 'poll',
        startVUs: 0,
        stages: [
            { target: params.vus, duration: params.rampUp },
            { target: params.vus, duration: params.hold },
        ],
        gracefulRampDown: drain,
        gracefulStop: drain,
    },
    // Starts once the crowd is up, and stops before it leaves.
    sales: {
        executor: 'constant-arrival-rate',
        exec: 'sell',
        rate: params.saleRate,
        timeUnit: '1s',
        startTime: params.rampUp,
        duration: params.hold,
        preAllocatedVUs: 2,
        maxVUs: 50,
    },
}, {
    c10k_poll_errors: ['count==0'],
    c10k_poll_refused: ['count==0'],
    c10k_wakeups: ['count>0'],
    c10k_wakeup_latency: [`p(99)<${params.maxWakeupP99Ms}`],
});

export function setup() {
    const res = api.createTrain(trainBody('CK', 0, params.capacity));
    checkReply(res, 'create-train', 201);
    return { trainId: json(res).id };
}

/**
 * One long poll. Wake-up latency is the receipt's wall clock minus the change's `at` (the service's
 * instant of the sale or cancel): both clocks must agree, as they do for k6 and the service on one host.
 */
export function poll(data) {
    const res = api.updates(data.trainId, params.waitMs);
    if (res.status === 200) {
        const body = json(res);
        wakeups.add(1);
        if (body !== null) {
            wakeupLatency.add(Date.now() - Date.parse(body.at));
        }
    } else if (res.status === 204) {
        timeouts.add(1);
    } else if (res.status === 503) {
        refused.add(1);
    } else {
        errors.add(1, { status: String(res.status) });
    }
    checkReply(res, 'updates', [200, 204, 503], {
        'an update of the train, or no body': (b, r) => (r.status === 200 ? isUpdate(b, data.trainId) : r.status === 503 || !r.body),
    });
    if (res.status === 503) {
        // As the contract asks: a refused client waits before it polls again, or the crowd turns into a storm.
        sleep(Number(res.headers['Retry-After'] || 1));
    }
}

// The ticket this VU bought last and will cancel next: selling and cancelling in turn keeps seats free.
let held = null;

export function sell(data) {
    if (held === null) {
        const id = requestId();
        const res = api.buyTicket(data.trainId, passenger(exec.vu.idInTest), id);
        checkReply(res, 'buy-ticket', 201, { 'a ticket': (b) => isTicket(b, { requestId: id }) });
        held = res.status === 201 ? json(res).id : null;
    } else {
        checkReply(api.cancelTicket(held), 'cancel-ticket', 204);
        held = null;
    }
}

export function teardown(data) {
    checkReply(api.audit(data.trainId), 'audit', 200, { 'consistent': (b) => b !== null && b.consistent === true });
}

export const handleSummary = summaryHandler({ workload: 'c10k', service: SERVICE, testid: testId('c10k'), params });
