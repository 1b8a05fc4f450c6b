package lab.c10k.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Warms one endpoint until it is stable: wrk windows until two consecutive ones agree within the tolerance (5%) and
 * the service's JIT spent at most {@code maxJitShare} of the last window compiling, recording how long it took. The
 * JIT needs load before it settles, Spring more than most: a fixed 3 s warm-up undercounted the Spring services about
 * 3x (measurement.md). Throughput alone is fooled on one CPU, where the compiler threads share the core with the
 * requests: two 2 s windows agreed within 2% at 300 req/s while the JIT was still compiling most of the time, and the
 * same service served far more once it had finished.
 */
record WarmUp(Wrk wrk, int connections, int windowSeconds, int maxWindows, double tolerance, double maxJitShare,
              DoubleSupplier compileMillis) {

    /** What the warm-up did (its windows, for the run's document) and its self-check. */
    record Outcome(Map<String, Object> doc, Check check) {
    }

    Outcome run(URI base, String endpoint, String mode, List<String> paths) {
        List<Double> windows = new ArrayList<>();
        List<Double> jitShares = new ArrayList<>();
        double change = 1.0;
        double jitShare = Double.NaN;
        boolean stable = false;
        long start = System.nanoTime();
        double maxClientCpu = 0;
        while (windows.size() < maxWindows && !stable) {
            double compiledBefore = compileMillis.getAsDouble();
            long windowStart = System.nanoTime();
            Wrk.Result result = wrk.run(base, connections, windowSeconds, mode, paths);
            jitShare = (compileMillis.getAsDouble() - compiledBefore) / ((System.nanoTime() - windowStart) / 1e6);
            jitShares.add(Double.isNaN(jitShare) ? null : jitShare);
            maxClientCpu = Math.max(maxClientCpu, result.cpuShare());
            windows.add(result.requestsPerSecond());
            if (windows.size() >= 2) {
                change = Checks.change(windows.get(windows.size() - 2), windows.getLast());
                // A service whose scrape does not answer is judged by its throughput alone.
                stable = change <= tolerance && (Double.isNaN(jitShare) || jitShare <= maxJitShare);
            }
            Progress.say("  warm-up %s: window %d %.0f req/s%s, JIT %s", endpoint, windows.size(),
                    result.requestsPerSecond(),
                    windows.size() >= 2 ? String.format(" (%.1f%% from the last)", change * 100) : "",
                    Double.isNaN(jitShare) ? "unknown" : String.format("%.0f%% of the window", jitShare * 100));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("endpoint", endpoint);
        out.put("connections", connections);
        out.put("windowSeconds", windowSeconds);
        out.put("windowsRequestsPerSecond", windows);
        out.put("windowsJitShare", jitShares);
        out.put("seconds", (System.nanoTime() - start) / 1e9);
        out.put("stable", stable);
        out.put("lastChange", change);
        out.put("lastJitShare", Double.isNaN(jitShare) ? null : jitShare);
        out.put("maxClientCpuShare", maxClientCpu);
        Check check = Checks.warmedUp(stable, windows.size(), change, tolerance, jitShare, maxJitShare);
        out.put("check", check.toMap());
        return new Outcome(out, check);
    }
}
