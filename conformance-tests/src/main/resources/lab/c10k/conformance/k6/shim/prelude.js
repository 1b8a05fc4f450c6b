// The globals k6 gives every VU. __shim is the Java side (lab.c10k.conformance.k6.Shim).
(function () {
    const shim = globalThis.__shim;
    globalThis.__ENV = JSON.parse(shim.env());
    globalThis.__VU = shim.vuId();
    globalThis.__ITER = 0;
    globalThis.open = function (path, mode) {
        if (mode !== undefined && mode !== 'r') {
            throw new Error('k6 shim: open() supports text mode only, not "' + mode + '"');
        }
        return shim.open(String(path));
    };
})();
