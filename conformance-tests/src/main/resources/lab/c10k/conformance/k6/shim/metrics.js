// The shim of "k6/metrics": custom metrics, recorded by the Java side with the VU's tags.
const shim = globalThis.__shim;

class Metric {
    constructor(name, type, isTime) {
        shim.registerMetric(String(name), type, Boolean(isTime));
        this.name = String(name);
        this.type = type;
    }

    add(value, tags) {
        const number = typeof value === 'boolean' ? Number(value) : value;
        if (typeof number !== 'number' || !Number.isFinite(number)) {
            throw new Error(`k6 shim: ${this.name}.add() needs a finite number, got ${value}`);
        }
        shim.addMetric(this.name, this.type === 'rate' ? Number(number !== 0) : number, JSON.stringify(tags || {}));
    }
}

export class Counter extends Metric {
    constructor(name, isTime) {
        super(name, 'counter', isTime);
    }
}

export class Gauge extends Metric {
    constructor(name, isTime) {
        super(name, 'gauge', isTime);
    }
}

export class Rate extends Metric {
    constructor(name, isTime) {
        super(name, 'rate', isTime);
    }
}

export class Trend extends Metric {
    constructor(name, isTime) {
        super(name, 'trend', isTime);
    }
}

export default { Counter, Gauge, Rate, Trend };
