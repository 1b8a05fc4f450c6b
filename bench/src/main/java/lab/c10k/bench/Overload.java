package lab.c10k.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The overload scenario's load (issue 14, item 2): purchases on one hot train, each on its own new connection,
 * either arriving at a fixed rate for a step (an open model: arrivals do not wait for replies, so a service that
 * queues what it cannot serve is seen queueing) or all at once (a burst). What it measures per load: the replies
 * by class ({@link Outcomes}) and their latency from each purchase's intended start, the service process over the
 * load (RSS, heap, GC: {@link Sampler}), whether it is still running, whether a purchase sells afterwards
 * ({@link Recovery}), and the train's audit.
 */
record Overload(URI base, long pid, Api api, Sampler sampler, int maxOpen, Recovery recovery, long lateToleranceMs) {

    /**
     * One load of {@code count} purchases on a train of its own, {@code ratePerSecond} apart (infinite: a burst),
     * each answered within {@code timeoutMs} of its intended start or counted as a timeout.
     */
    Map<String, Object> run(String name, double ratePerSecond, int count, long timeoutMs) throws InterruptedException {
        // Seats for every purchase and the recovery's: a 409 here is never "sold out", so it is a finding.
        // Train codes are A-Z, 0-9 and '-' (docs/api.md): "1.50x" becomes OV-1-50X.
        String code = "OV-" + name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "-");
        long train = api.createTrain(code, Math.min(100_000, count + recovery.maxAttempts() + 1));
        InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort());
        Crowd crowd = new Crowd(address, i -> purchase(train, name + "-" + i), count, ratePerSecond, maxOpen,
                timeoutMs);
        sampler.sampleNow();
        long fromMs = sampler.elapsedMs();
        Thread thread = Thread.ofPlatform().name("overload-" + name).start(crowd);
        long scheduleMs = Double.isInfinite(ratePerSecond) ? 0 : (long) (count / ratePerSecond * 1000);
        // Every connection ends by itself, answered or timed out; the bound is for a client that hangs.
        thread.join(scheduleMs + timeoutMs + 5_000);
        crowd.stop();
        thread.join();
        long toMs = sampler.elapsedMs();
        sampler.sampleNow();
        Map<String, Object> outcomes = Outcomes.of(crowd.replies());
        double seconds = Math.max(scheduleMs, 1) / 1e3;

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("offeredRatePerSecond", Double.isInfinite(ratePerSecond) ? null : ratePerSecond);
        out.put("purchases", count);
        out.put("scheduleSeconds", scheduleMs / 1e3);
        out.put("answeredPerSecond", Double.isInfinite(ratePerSecond) ? null : Outcomes.answered(outcomes) / seconds);
        out.put("soldPerSecond", Double.isInfinite(ratePerSecond) ? null : Outcomes.count(outcomes, "sold201") / seconds);
        out.put("outcomes", outcomes);
        out.put("rawOutcomes", crowd.outcomes());
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("openLag", Latencies.summary(crowd.openLag()));
        // Opened later than the tolerance after its intended start: the generator fell behind the offered rate.
        client.put("lateOpens", crowd.openLag().getCountBetweenValues(lateToleranceMs * 1000 + 1,
                Math.max(lateToleranceMs * 1000 + 1, crowd.openLag().getMaxValue())));
        client.put("secondsToOpenAll", crowd.secondsToOpenAll());
        client.put("maxOpenAtOnce", crowd.maxOpenAtOnce());
        client.put("maxOpenAllowed", maxOpen);
        client.put("heldBackTurns", crowd.heldBack());
        client.put("clientLimitErrors", crowd.clientLimitErrors());
        out.put("client", client);
        out.put("service", sampler.summary(fromMs, toMs + 1));
        boolean alive = ProcessStats.read(pid) != null;
        out.put("serviceAlive", alive);
        out.put("recovery", alive ? recovery.purchase(base, train, name + "-recovery")
                : Map.of("recovered", false, "attempts", 0, "outcomes", java.util.List.of("service not running")));
        out.put("audit", alive ? auditOrNull(train) : null);
        return out;
    }

    private Map<String, Object> auditOrNull(long train) {
        try {
            return api.audit(train);
        } catch (IllegalStateException e) {
            return null; // the check says "no audit could be read"
        }
    }

    /**
     * One purchase as raw HTTP/1.1. "Connection: close": each purchase is its own connection, and the client says
     * so, as a one-shot client would; the service then closes first, and the TIME_WAIT lands on its side, not on the
     * client's ephemeral ports (28,232 here: 2,500/s for 12 s would need 30,000).
     */
    private byte[] purchase(long train, String passenger) {
        String body = Json.compact(Map.of("passenger", passenger, "requestId", UUID.randomUUID().toString()));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/trains/" + train + "/tickets HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nConnection: close\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n";
        return (head + body).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The connections this client may hold at once: its soft descriptor limit (bench.sh raises it to the hard one,
     * 20,000 here) less those already open and a reserve for the sampler, the API calls and the JVM's own files.
     * A burst larger than that opens the rest as replies free descriptors, and the report says so.
     */
    static int descriptorsLeft(int reserve) {
        long limit = Long.MAX_VALUE;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    limit = Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[0]);
                }
            }
            try (var fds = Files.list(Path.of("/proc/self/fd"))) {
                limit -= fds.count();
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return Integer.MAX_VALUE; // no /proc: no limit known, none applied
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, limit - reserve));
    }
}
