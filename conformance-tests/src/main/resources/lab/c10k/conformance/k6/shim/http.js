// The shim of "k6/http": synchronous requests (java.net.http on the Java side) answered with
// k6-shaped responses. Anything a script passes that the shim does not implement is an error.
const shim = globalThis.__shim;

const PARAMS = ['headers', 'tags', 'timeout', 'responseCallback', 'responseType'];

class ExpectedStatuses {
    constructor(ranges) {
        this.ranges = ranges;
    }
}

export function expectedStatuses(...statuses) {
    return new ExpectedStatuses(statuses.map((s) => {
        if (Number.isInteger(s)) {
            return { min: s, max: s };
        }
        if (s !== null && typeof s === 'object' && Number.isInteger(s.min) && Number.isInteger(s.max)) {
            return { min: s.min, max: s.max };
        }
        throw new Error(`expectedStatuses: ${JSON.stringify(s)} is neither a status nor {min, max}`);
    }));
}

// k6's default: a reply below 400 is expected.
let defaultCallback = expectedStatuses({ min: 200, max: 399 });

function callback(value) {
    if (value !== null && !(value instanceof ExpectedStatuses)) {
        throw new Error('responseCallback must be null or the result of http.expectedStatuses()');
    }
    return value;
}

export function setResponseCallback(value) {
    defaultCallback = callback(value);
}

function toRequest(method, url, body, params) {
    const p = params || {};
    for (const key of Object.keys(p)) {
        if (!PARAMS.includes(key)) {
            throw new Error(`k6 shim: the request parameter "${key}" is not implemented`);
        }
    }
    if (body !== null && body !== undefined && typeof body !== 'string') {
        throw new Error('k6 shim: only string bodies are implemented (JSON.stringify the body)');
    }
    const expected = 'responseCallback' in p ? callback(p.responseCallback) : defaultCallback;
    return {
        method: String(method).toUpperCase(),
        url: String(url),
        body: body === undefined ? null : body,
        headers: p.headers || {},
        tags: p.tags || {},
        timeout: p.timeout === undefined ? null : String(p.timeout),
        expected: expected === null ? null : expected.ranges,
        responseType: p.responseType || 'text',
    };
}

function toResponse(reply) {
    reply.json = function (selector) {
        if (selector !== undefined) {
            throw new Error('k6 shim: Response.json(selector) is not implemented');
        }
        if (this.body === null || this.body === '') {
            throw new Error('cannot parse json due to an empty body');
        }
        return JSON.parse(this.body);
    };
    reply.html = function () {
        throw new Error('k6 shim: Response.html() is not implemented');
    };
    return reply;
}

export function request(method, url, body, params) {
    return toResponse(JSON.parse(shim.request(JSON.stringify(toRequest(method, url, body, params)))));
}

export function get(url, params) {
    return request('GET', url, null, params);
}

export function head(url, params) {
    return request('HEAD', url, null, params);
}

export function post(url, body, params) {
    return request('POST', url, body, params);
}

export function put(url, body, params) {
    return request('PUT', url, body, params);
}

export function patch(url, body, params) {
    return request('PATCH', url, body, params);
}

export function del(url, body, params) {
    return request('DELETE', url, body, params);
}

export function options(url, body, params) {
    return request('OPTIONS', url, body, params);
}

function batchItem(item) {
    if (typeof item === 'string') {
        return toRequest('GET', item, null, null);
    }
    if (Array.isArray(item)) {
        return toRequest(item[0], item[1], item[2], item[3]);
    }
    return toRequest(item.method || 'GET', item.url, item.body, item.params);
}

/** Sends every request at once; answers in the shape asked (an array, or an object by the same keys). */
export function batch(requests) {
    const keys = Object.keys(requests);
    const replies = JSON.parse(shim.batch(JSON.stringify(keys.map((k) => batchItem(requests[k])))));
    if (Array.isArray(requests)) {
        return replies.map(toResponse);
    }
    const out = {};
    keys.forEach((k, i) => { out[k] = toResponse(replies[i]); });
    return out;
}

export default { request, get, head, post, put, patch, del, options, batch, expectedStatuses, setResponseCallback };
