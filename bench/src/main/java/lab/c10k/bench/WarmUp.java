package lab.c10k.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Warms one endpoint until its throughput is stable: wrk windows until two consecutive ones agree within the
 * tolerance (5%), recording how long it took. The JIT needs load before it settles, Spring more than most: a
 * fixed 3 s warm-up undercounted the Spring services about 3x (measurement.md).
 */
record WarmUp(Wrk wrk, int connections, int windowSeconds, int maxWindows, double tolerance) {

    Map<String, Object> run(URI base, String endpoint, String mode, List<String> paths) {
        List<Double> windows = new ArrayList<>();
        double change = 1.0;
        boolean stable = false;
        long start = System.nanoTime();
        double maxClientCpu = 0;
        while (windows.size() < maxWindows && !stable) {
            Wrk.Result result = wrk.run(base, connections, windowSeconds, mode, paths);
            maxClientCpu = Math.max(maxClientCpu, result.cpuShare());
            windows.add(result.requestsPerSecond());
            if (windows.size() >= 2) {
                change = Checks.change(windows.get(windows.size() - 2), windows.getLast());
                stable = change <= tolerance;
            }
            Progress.say("  warm-up %s: window %d %.0f req/s%s", endpoint, windows.size(), result.requestsPerSecond(),
                    windows.size() >= 2 ? String.format(" (%.1f%% from the last)", change * 100) : "");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("endpoint", endpoint);
        out.put("connections", connections);
        out.put("windowSeconds", windowSeconds);
        out.put("windowsRequestsPerSecond", windows);
        out.put("seconds", (System.nanoTime() - start) / 1e9);
        out.put("stable", stable);
        out.put("lastChange", change);
        out.put("maxClientCpuShare", maxClientCpu);
        out.put("check", Checks.warmedUp(stable, windows.size(), change, tolerance).toMap());
        return out;
    }
}
