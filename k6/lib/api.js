// One builder per endpoint of docs/api.md. Every request carries the endpoint tag (thresholds and
// dashboards select on it) and says which statuses are expected, so http_req_failed counts only the
// replies the scenario did not ask for.
import http from 'k6/http';
import { BASE_URL } from './config.js';

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const OK = http.expectedStatuses({ min: 200, max: 299 });

function params(endpoint, expected, extra) {
    return Object.assign({ tags: { endpoint }, responseCallback: expected || OK }, extra);
}

/** The statuses a request expects, when it expects more than a 2xx (a sold-out, a deliberate 404). */
export function expecting(...statuses) {
    return http.expectedStatuses(...statuses);
}

export function ping() {
    return http.get(`${BASE_URL}/api/ping`, params('ping'));
}

export function createTrain(train, expected) {
    return http.post(`${BASE_URL}/api/trains`, JSON.stringify(train),
        params('create-train', expected, { headers: JSON_HEADERS }));
}

export function getTrain(id, expected) {
    return http.get(`${BASE_URL}/api/trains/${id}`, params('get-train', expected));
}

export function listTrains(limit, afterId) {
    return http.get(`${BASE_URL}/api/trains?limit=${limit}&afterId=${afterId}`, params('list-trains'));
}

/** A purchase as a request for http.batch. @returns {import('k6/http').ArrayBatchRequest} */
export function buyTicketRequest(trainId, passenger, requestId, expected) {
    return ['POST', `${BASE_URL}/api/trains/${trainId}/tickets`, JSON.stringify({ passenger, requestId }),
        params('buy-ticket', expected, { headers: JSON_HEADERS })];
}

export function buyTicket(trainId, passenger, requestId, expected) {
    const [method, url, body, p] = buyTicketRequest(trainId, passenger, requestId, expected);
    return http.request(method, url, body, p);
}

export function getTicket(id) {
    return http.get(`${BASE_URL}/api/tickets/${id}`, params('get-ticket'));
}

export function cancelTicket(id) {
    return http.del(`${BASE_URL}/api/tickets/${id}`, null, params('cancel-ticket'));
}

/**
 * A long poll. The client's timeout outlasts the server's wait, so a 204 comes from the server and a
 * client timeout (status 0) is an error of the service, not of the script.
 */
export function updates(trainId, waitMs, extraTimeoutMs) {
    return http.get(`${BASE_URL}/api/trains/${trainId}/updates?waitMs=${waitMs}`,
        params('updates', null, { timeout: `${waitMs + (extraTimeoutMs || 10000)}ms` }));
}

export function audit(trainId) {
    return http.get(`${BASE_URL}/api/trains/${trainId}/audit`, params('audit'));
}
