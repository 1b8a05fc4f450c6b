// smoke: every endpoint once, checking statuses and bodies. Run it first against a fresh service.
import { group } from 'k6';
import * as api from './lib/api.js';
import { checkProblem, checkReply, isTicket, isTrain, json } from './lib/checks.js';
import { SERVICE, scenarioParams, testId } from './lib/config.js';
import { passenger, requestId, trainBody } from './lib/data.js';
import { scenarioOptions } from './lib/options.js';
import { summaryHandler } from './lib/summary.js';

const params = scenarioParams(open('./scenarios/smoke.json'));

export const options = scenarioOptions('smoke', params, {
    smoke: { executor: 'per-vu-iterations', vus: 1, iterations: 1, maxDuration: '1m' },
});

export default function () {
    const train = group('trains', trains);
    group('tickets', () => tickets(train));
    group('audit', () => audit(train));
}

function trains() {
    checkReply(api.ping(), 'ping', 200, {
        'model is the service': (b) => b !== null && b.model === SERVICE && typeof b.thread === 'string',
    });
    const body = trainBody('SM', 0, params.capacity);
    const created = api.createTrain(body);
    checkReply(created, 'create-train', 201, {
        'the train as sent, all seats left': (b) => isTrain(b, { code: body.code, capacity: body.capacity, remaining: body.capacity }),
        'Location of the train': (b, r) => b !== null && r.headers.Location === `/api/trains/${b.id}`,
    });
    const train = json(created);
    checkProblem(api.createTrain(body, api.expecting(409)), 'create-train', 409, '/problems/duplicate-train');
    checkReply(api.getTrain(train.id), 'get-train', 200, { 'the train': (b) => isTrain(b, train) });
    checkProblem(api.getTrain(999999999999, api.expecting(404)), 'get-train', 404, '/problems/train-not-found');
    checkReply(api.listTrains(1, train.id - 1), 'list-trains', 200, {
        'one page starting at the train': (b) => b !== null && b.items.length === 1 && b.items[0].id === train.id
            && (b.nextAfterId === null || b.nextAfterId === train.id),
    });
    // Polled before any sale: a change published just before a poll arrives can still reach it
    // (pub/sub delivers late under load), and this poll must see none.
    checkReply(api.updates(train.id, params.waitMs), 'updates', 204, { 'no body': (b, r) => !r.body });
    return train;
}

function tickets(train) {
    const id = requestId();
    const bought = api.buyTicket(train.id, passenger(1), id);
    checkReply(bought, 'buy-ticket', 201, {
        'a confirmed ticket': (b) => isTicket(b, { trainId: train.id, requestId: id, status: 'CONFIRMED' }),
        'Location of the ticket': (b, r) => b !== null && r.headers.Location === `/api/tickets/${b.id}`,
    });
    const ticket = json(bought);
    checkReply(api.buyTicket(train.id, passenger(1), id), 'buy-ticket', 200, {
        'a retry answers the same ticket': (b) => b !== null && b.id === ticket.id,
    });
    checkReply(api.buyTicket(train.id, passenger(2), requestId()), 'buy-ticket', 201);
    checkProblem(api.buyTicket(train.id, passenger(3), requestId(), api.expecting(409)), 'buy-ticket', 409,
        '/problems/sold-out');
    checkReply(api.getTicket(ticket.id), 'get-ticket', 200, { 'the ticket': (b) => isTicket(b, ticket) });
    checkReply(api.cancelTicket(ticket.id), 'cancel-ticket', 204, { 'no body': (b, r) => !r.body });
    checkReply(api.cancelTicket(ticket.id), 'cancel-ticket', 204);
    checkReply(api.getTicket(ticket.id), 'get-ticket', 200, {
        'cancelled': (b) => isTicket(b, { id: ticket.id, status: 'CANCELLED' }),
    });
}

function audit(train) {
    checkReply(api.audit(train.id), 'audit', 200, {
        'one seat sold, consistent': (b) => b !== null && b.trainId === train.id && b.sold === 1
            && b.confirmedTickets === 1 && b.cancelledTickets === 1 && b.stock === train.capacity - 1 && b.consistent === true,
    });
}

export const handleSummary = summaryHandler({ workload: 'smoke', service: SERVICE, testid: testId('smoke'), params });
