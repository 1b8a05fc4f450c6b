// The mixed load, shared by mixed.js and soak.js (which differ only in their data files): reads,
// purchases, cancels and background long polls, each an open model at its own arrival rate.
import exec from 'k6/execution';
import http from 'k6/http';
import * as api from './api.js';
import { checkReply, isTicket, isTrain, isUpdate, json } from './checks.js';
import { passenger, pick, requestId, trainBody } from './data.js';
import { scenarioOptions, seconds } from './options.js';

/** @returns {import('k6/options').ConstantArrivalRateScenario} */
function arrivals(exec, rate, params, vus) {
    return {
        executor: 'constant-arrival-rate',
        exec,
        rate,
        timeUnit: '1s',
        duration: params.duration,
        preAllocatedVUs: vus,
        maxVUs: vus * 4,
    };
}

export function mixedOptions(workload, params) {
    // Little's law: a poll holds a VU for up to waitMs, so the poll scenario needs rate x wait VUs.
    const pollVus = Math.ceil(params.pollRate * (params.waitMs / 1000)) + 5;
    return scenarioOptions(workload, params, {
        reads: arrivals('reads', params.readRate, params, params.vusPerScenario),
        purchases: arrivals('purchases', params.buyRate, params, params.vusPerScenario),
        cancels: arrivals('cancels', params.cancelRate, params, params.vusPerScenario),
        polls: Object.assign(arrivals('polls', params.pollRate, params, pollVus),
            { gracefulStop: `${Math.ceil(params.waitMs / 1000) + 15}s` }),
    });
}

/** How many tickets setup buys for the cancels: one per cancel the run will make, up to cancelPool. */
function cancelPoolSize(params) {
    return Math.max(1, Math.min(params.cancelPool, Math.ceil(params.cancelRate * seconds(params.duration))));
}

/**
 * The trains (capacity enough for the whole run) and the tickets the cancels will cancel, bought in
 * batches so that setup stays short.
 */
export function mixedSetup(prefix, params) {
    const trainIds = [];
    for (let i = 0; i < params.trains; i++) {
        const res = api.createTrain(trainBody(prefix, i, params.capacity));
        checkReply(res, 'create-train', 201);
        trainIds.push(json(res).id);
    }
    trainIds.forEach((id) => api.getTrain(id));
    const ticketIds = [];
    const size = cancelPoolSize(params);
    while (ticketIds.length < size) {
        const batch = [];
        for (let i = 0; i < Math.min(params.setupBatch, size - ticketIds.length); i++) {
            batch.push(api.buyTicketRequest(pick(trainIds), passenger(ticketIds.length + i), requestId()));
        }
        const replies = http.batch(batch);
        for (let i = 0; i < batch.length; i++) {
            checkReply(replies[i], 'buy-ticket', 201);
            ticketIds.push(json(replies[i]).id);
        }
    }
    return { trainIds, ticketIds };
}

/** The four scenario functions, bound to the parameters of the script that exports them. */
export function mixedScenarios(params) {
    return {
        reads(data) {
            const id = pick(data.trainIds);
            if (exec.scenario.iterationInTest % params.listEvery === 0) {
                checkReply(api.listTrains(20, id - 1), 'list-trains', 200, {
                    'a page from the train': (b) => b !== null && b.items.length >= 1 && b.items[0].id === id,
                });
            } else {
                checkReply(api.getTrain(id), 'get-train', 200, { 'the train': (b) => isTrain(b, { id }) });
            }
        },

        purchases(data) {
            const id = requestId();
            const trainId = pick(data.trainIds);
            checkReply(api.buyTicket(trainId, passenger(exec.scenario.iterationInTest), id), 'buy-ticket', 201, {
                'a ticket': (b) => isTicket(b, { trainId, requestId: id, status: 'CONFIRMED' }),
            });
        },

        /** Cancels the pool's tickets in order; past its end it cancels them again (204, no second seat back). */
        cancels(data) {
            const ticketId = data.ticketIds[exec.scenario.iterationInTest % data.ticketIds.length];
            checkReply(api.cancelTicket(ticketId), 'cancel-ticket', 204);
        },

        polls(data) {
            const trainId = pick(data.trainIds);
            const res = api.updates(trainId, params.waitMs);
            checkReply(res, 'updates', [200, 204], {
                'an update of the train, or no body': (b, r) => (r.status === 200 ? isUpdate(b, trainId) : !r.body),
            });
        },

        /** After any load the audit must be consistent on every train (docs/api.md). */
        teardown(data) {
            for (const trainId of data.trainIds) {
                checkReply(api.audit(trainId), 'audit', 200, { 'consistent': (b) => b !== null && b.consistent === true });
            }
        },
    };
}
