// read: an open-model arrival rate of cached train reads (GET /api/trains/{id}) and list pages.
import exec from 'k6/execution';
import * as api from './lib/api.js';
import { checkReply, isTrain, json } from './lib/checks.js';
import { SERVICE, scenarioParams, testId } from './lib/config.js';
import { pick, trainBody } from './lib/data.js';
import { scenarioOptions } from './lib/options.js';
import { summaryHandler } from './lib/summary.js';

const params = scenarioParams(open('./scenarios/read.json'));

export const options = scenarioOptions('read', params, {
    read: {
        executor: 'ramping-arrival-rate',
        startRate: params.startRate,
        timeUnit: '1s',
        stages: [
            { target: params.peakRate, duration: params.rampUp },
            { target: params.peakRate, duration: params.hold },
        ],
        preAllocatedVUs: params.preAllocatedVUs,
        maxVUs: params.maxVUs,
    },
});

/** The trains to read, each read once so that the measured reads hit the Redis cache. */
export function setup() {
    const ids = [];
    for (let i = 0; i < params.trains; i++) {
        const res = api.createTrain(trainBody('RD', i, params.capacity));
        checkReply(res, 'create-train', 201);
        ids.push(json(res).id);
    }
    ids.forEach((id) => api.getTrain(id));
    return { ids };
}

export default function (data) {
    const id = pick(data.ids);
    // Every listEvery-th iteration reads a page: a fixed mix, the same in every run.
    if (exec.scenario.iterationInTest % params.listEvery === 0) {
        checkReply(api.listTrains(params.pageLimit, id - 1), 'list-trains', 200, {
            'a page in id order': (b) => b !== null && b.items.length >= 1 && b.items[0].id === id
                && b.items.every((t, i) => i === 0 || t.id > b.items[i - 1].id),
        });
    } else {
        checkReply(api.getTrain(id), 'get-train', 200, { 'the train': (b) => isTrain(b, { id }) });
    }
}

export const handleSummary = summaryHandler({ workload: 'read', service: SERVICE, testid: testId('read'), params });
