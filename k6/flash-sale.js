// flash-sale: `buyers` purchases race for `seats` seats on one train, each buyer once, with its own
// requestId. A buyer that gets 503 or no answer retries with the same requestId (docs/api.md: the only
// way to resolve an ambiguous outcome), so every buyer ends with a ticket or sold-out.
import { sleep } from 'k6';
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';
import * as api from './lib/api.js';
import { checkReply, isTicket, json } from './lib/checks.js';
import { SERVICE, scenarioParams, testId } from './lib/config.js';
import { passenger, requestId, trainBody } from './lib/data.js';
import { scenarioOptions } from './lib/options.js';
import { summaryHandler } from './lib/summary.js';

const params = scenarioParams(open('./scenarios/flash-sale.json'));

const sold = new Counter('flash_sale_sold');
const soldOut = new Counter('flash_sale_sold_out');
const unresolved = new Counter('flash_sale_unresolved');

export const options = scenarioOptions('flash-sale', params, {
    'flash-sale': {
        executor: 'shared-iterations',
        vus: Math.min(params.vus, params.buyers),
        iterations: params.buyers,
        maxDuration: params.maxDuration,
    },
}, {
    // Each VU is its own JavaScript runtime, so teardown cannot count the buyers' outcomes; these do.
    flash_sale_sold: [`count==${params.seats}`],
    flash_sale_sold_out: [`count==${params.buyers - params.seats}`],
    flash_sale_unresolved: ['count==0'],
});

export function setup() {
    const res = api.createTrain(trainBody('FS', 0, params.seats));
    checkReply(res, 'create-train', 201);
    return { trainId: json(res).id };
}

export default function (data) {
    const id = requestId();
    const name = passenger(exec.scenario.iterationInTest);
    let res = api.buyTicket(data.trainId, name, id, api.expecting(200, 201, 409));
    for (let attempt = 0; attempt < params.retries && (res.status === 503 || res.status === 0); attempt++) {
        sleep(Number(res.headers['Retry-After'] || 1));
        res = api.buyTicket(data.trainId, name, id, api.expecting(200, 201, 409));
    }
    const body = json(res);
    if (res.status === 201 || res.status === 200) {
        sold.add(1);
    } else if (res.status === 409 && body !== null && body.type === '/problems/sold-out') {
        soldOut.add(1);
    } else {
        unresolved.add(1);
    }
    checkReply(res, 'buy-ticket', [200, 201, 409], {
        'a ticket or sold-out': (b) => isTicket(b, { trainId: data.trainId, requestId: id })
            || (b !== null && b.type === '/problems/sold-out'),
    });
}

/** The server's side of the count: exactly `seats` sold, none left, MySQL and Redis agreeing. */
export function teardown(data) {
    const res = api.audit(data.trainId);
    const audit = json(res);
    const exact = checkReply(res, 'audit', 200, {
        'exactly the seats sold, consistent': (b) => b !== null && b.sold === params.seats
            && b.confirmedTickets === params.seats && b.stock === 0 && b.consistent === true,
    });
    if (!exact) {
        exec.test.fail(`flash sale of ${params.seats} seats to ${params.buyers} buyers ended with ${JSON.stringify(audit)}`);
    }
}

export const handleSummary = summaryHandler({
    workload: 'flash-sale', service: SERVICE, testid: testId('flash-sale'), params,
});
