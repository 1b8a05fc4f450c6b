// Fresh data for every run: each run creates its own trains (codes unique per run) and buys with
// request ids that no earlier run used, so no run sees another's stock, tickets or cache entries.

let counter = 0;

function randomHex(digits) {
    let hex = '';
    for (let i = 0; i < digits; i++) {
        hex += Math.floor(Math.random() * 16).toString(16);
    }
    return hex;
}

/**
 * A version-4 UUID. The last group is the VU id and a per-VU counter, so two VUs whose random
 * generators happened to agree still never send the same id; the random groups keep runs apart.
 */
export function requestId() {
    counter++;
    const tail = (__VU % 0x1000000).toString(16).padStart(6, '0') + (counter % 0x1000000).toString(16).padStart(6, '0');
    const variant = (8 + Math.floor(Math.random() * 4)).toString(16);
    return `${randomHex(8)}-${randomHex(4)}-4${randomHex(3)}-${variant}${randomHex(3)}-${tail}`;
}

/** A train code (1-16 of A-Z 0-9 -) unique to this run: a prefix, the time in base 36, noise, the index. */
export function trainCode(prefix, index) {
    const noise = Math.floor(Math.random() * 36 * 36).toString(36).padStart(2, '0');
    return `${prefix}${Date.now().toString(36)}${noise}${index.toString(36)}`.toUpperCase().slice(0, 16);
}

export function trainBody(prefix, index, capacity) {
    return {
        code: trainCode(prefix, index),
        origin: 'Beijing',
        destination: 'Shanghai',
        departsAt: '2026-12-01T08:00:00Z',
        capacity,
    };
}

export function passenger(n) {
    return `Passenger ${n}`;
}

export function pick(items) {
    return items[Math.floor(Math.random() * items.length)];
}
