// The shim of "k6/execution": what the VU, its scenario and the test know about the run.
const shim = globalThis.__shim;

const exec = {
    get scenario() {
        return JSON.parse(shim.scenarioInfo());
    },
    get vu() {
        return JSON.parse(shim.vuInfo());
    },
    get instance() {
        return JSON.parse(shim.instanceInfo());
    },
    test: {
        abort(message) {
            shim.abort(message === undefined ? 'test aborted' : String(message));
            throw new Error(`test aborted: ${message}`);
        },
        fail(message) {
            shim.fail(message === undefined ? 'test marked as failed' : String(message));
        },
        get options() {
            return JSON.parse(shim.options());
        },
    },
};

export default exec;
