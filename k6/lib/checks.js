// Checks on replies, named "<endpoint>: <what>" so that a failed check says where it failed.
// Every reply must carry the service's X-Concurrency-Model: a script aimed at the wrong service fails.
import { check } from 'k6';
import { SERVICE } from './config.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** The reply's JSON body, or null when it has none or it is not JSON. */
export function json(res) {
    if (!res.body) {
        return null;
    }
    try {
        return res.json();
    } catch (e) {
        return null;
    }
}

export function isInstant(value) {
    return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * Checks one reply: its status (one number or a list), the model header, and any named predicates,
 * each given the parsed body and the reply. Returns whether all passed.
 */
export function checkReply(res, endpoint, status, predicates) {
    const statuses = Array.isArray(status) ? status : [status];
    const checks = {
        [`${endpoint}: status ${statuses.join(' or ')}`]: (r) => statuses.includes(r.status),
        [`${endpoint}: X-Concurrency-Model is ${SERVICE}`]: (r) => r.headers['X-Concurrency-Model'] === SERVICE,
    };
    let body;
    for (const [name, predicate] of Object.entries(predicates || {})) {
        checks[`${endpoint}: ${name}`] = (r) => {
            if (body === undefined) {
                body = json(r);
            }
            // A reply of another shape (a problem where a page was expected) fails the check, not the iteration.
            try {
                return Boolean(predicate(body, r));
            } catch (e) {
                return false;
            }
        };
    }
    return check(res, checks, { endpoint });
}

/** An RFC 9457 problem of the given status and type (docs/api.md lists them). */
export function checkProblem(res, endpoint, status, type) {
    return checkReply(res, endpoint, status, {
        [`problem ${type}`]: (body, r) => String(r.headers['Content-Type']).startsWith('application/problem+json')
            && body !== null && body.type === type && body.status === status,
    });
}

export function isTrain(body, expected) {
    return body !== null && Number.isInteger(body.id) && body.id > 0 && isInstant(body.departsAt)
        && Number.isInteger(body.remaining) && body.remaining >= 0 && body.remaining <= body.capacity
        && Object.entries(expected || {}).every(([key, value]) => body[key] === value);
}

export function isTicket(body, expected) {
    return body !== null && Number.isInteger(body.id) && body.id > 0 && isInstant(body.createdAt)
        && (body.status === 'CONFIRMED' || body.status === 'CANCELLED')
        && Object.entries(expected || {}).every(([key, value]) => body[key] === value);
}

export function isUpdate(body, trainId) {
    return body !== null && body.trainId === trainId && Number.isInteger(body.remaining) && isInstant(body.at);
}
