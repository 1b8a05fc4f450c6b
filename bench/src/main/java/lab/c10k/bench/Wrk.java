package lab.c10k.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One wrk run (closed model: a fixed number of connections, each sending its next request when the last reply
 * came), pinned to the client's CPUs, with wrk's own CPU read from /proc while it runs.
 */
record Wrk(Path script, String clientCpus, int threads, double clkTck) {

    /** The result of one wrk run: its summary line, throughput, and its own CPU share. */
    record Result(Map<String, Object> raw, double requestsPerSecond, double meanLatencySeconds, long requests,
                  long errors, double cpuShare) {

        Map<String, Object> toMap() {
            Map<String, Object> out = new LinkedHashMap<>(raw);
            out.put("requestsPerSecond", requestsPerSecond);
            out.put("errors", errors);
            out.put("clientCpuShare", cpuShare);
            return out;
        }
    }

    Result run(URI base, int connections, int seconds, String mode, List<String> paths) {
        List<String> command = new ArrayList<>(List.of("taskset", "-c", clientCpus, "wrk",
                "-t" + Math.min(threads, connections), "-c" + connections, "-d" + seconds + "s", "--timeout", "10s",
                "-s", script.toString(), base.toString(), "--", mode));
        command.addAll(paths);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            // bench.lua undoes wrk's latency correction, which needs the connection count (see there)
            builder.environment().put("BENCH_WRK_CONNECTIONS", Integer.toString(connections));
            Process process = builder.start();
            long startNanos = System.nanoTime();
            long lastTicks = 0;
            long lastNanos = startNanos;
            while (!process.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                ProcessStats stats = ProcessStats.read(process.pid());
                if (stats != null) {
                    lastTicks = stats.cpuTicks();
                    lastNanos = System.nanoTime();
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || !output.contains("BENCH-JSON ")) {
                throw new IllegalStateException("wrk failed (" + process.exitValue() + "): " + output);
            }
            String line = output.substring(output.indexOf("BENCH-JSON ") + 11).lines().findFirst().orElseThrow();
            Map<String, Object> raw = Json.parse(line);
            double cpuSeconds = lastTicks / clkTck;
            double wall = Math.max(1e-9, (lastNanos - startNanos) / 1e9);
            double share = cpuSeconds / wall / ProcessStats.cpuCount(clientCpus);
            return result(raw, share);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run wrk (apt-get install wrk): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result result(Map<String, Object> raw, double cpuShare) {
        long requests = num(raw, "requests");
        double seconds = num(raw, "durationUs") / 1e6;
        long errors = num(raw, "connectErrors") + num(raw, "readErrors") + num(raw, "writeErrors")
                + num(raw, "statusErrors") + num(raw, "timeouts");
        double meanSeconds = ((Number) raw.get("meanUs")).doubleValue() / 1e6;
        return new Result(raw, seconds > 0 ? requests / seconds : 0, meanSeconds, requests, errors, cpuShare);
    }

    private static long num(Map<String, Object> raw, String key) {
        return ((Number) raw.get(key)).longValue();
    }
}
