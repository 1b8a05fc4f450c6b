package lab.c10k.bench;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * C10K: a crowd of long polls held on one train, then one sale that must wake them all. Measured: how many the
 * service accepted and held (its own c10k_longpoll_waiting gauge, and the client's view: connected, request
 * sent), how many were woken, the wake-up latency, resident memory per held poll, threads, and what became of the
 * sale itself (served, 503, or timed out after how long) while the crowd waited.
 */
record C10k(int polls, int waitMs, double connectsPerSecond, Duration settle, Duration saleTimeout,
            Duration grace) {

    Map<String, Object> run(URI base, long pid, long trainId, Sampler sampler) throws InterruptedException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("polls", polls);
        out.put("waitMs", waitMs);
        out.put("before", snapshot(base, pid, Duration.ofSeconds(5)));

        Crowd crowd = Crowd.ofGets(base.getHost(), base.getPort(),
                "/api/trains/" + trainId + "/updates?waitMs=" + waitMs, polls, connectsPerSecond);
        Thread crowdThread = Thread.ofPlatform().name("crowd").start(crowd);
        long crowdStart = System.nanoTime();
        awaitHeld(base, crowd);
        Map<String, Object> held = snapshot(base, pid, Duration.ofSeconds(2));
        held.put("clientOpened", crowd.opened());
        held.put("clientConnected", crowd.connected());
        held.put("clientRequestsSent", crowd.sent());
        held.put("clientAnsweredBeforeSale", crowd.finished());
        held.put("secondsAfterFirstConnect", (System.nanoTime() - crowdStart) / 1e9);
        out.put("held", held);
        Progress.say("  c10k: %d connected, %d sent, %s waiting on the service; selling one seat", crowd.connected(),
                crowd.sent(), held.getOrDefault("longPollsWaiting", "(gauge unreadable)"));

        long saleSent = System.nanoTime();
        Map<String, Object> sale = sale(base, trainId);
        long saleReplied = System.nanoTime();
        sale.put("seconds", (saleReplied - saleSent) / 1e9);
        out.put("sale", sale);
        Progress.say("  c10k: the sale answered %s after %.2f s", sale.get("outcome"), (saleReplied - saleSent) / 1e9);

        // Everyone left is either woken now or answered 204 when its wait passes; then the crowd is cut.
        long deadline = Math.max(saleReplied + grace.toNanos(), crowdStart + (waitMs * 1_000_000L) + grace.toNanos());
        while (crowd.finished() < polls && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        crowd.stop();
        crowdThread.join();
        Map<String, Object> after = snapshot(base, pid, Duration.ofSeconds(2));
        // A JVM that ran out of heap exits (-XX:+ExitOnOutOfMemoryError): part of the result, not of the check.
        after.put("serviceAlive", ProcessStats.read(pid) != null ? 1 : 0);
        out.put("after", after);

        Histogram fromSale = Latencies.histogram();
        long wokenBeforeReply = 0;
        for (long done : crowd.doneNanos(200)) {
            fromSale.recordValue(Math.max(0, done - saleSent) / 1000);
            if (done < saleReplied) {
                wokenBeforeReply++;
            }
        }
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("opened", crowd.opened());
        client.put("connected", crowd.connected());
        client.put("requestsSent", crowd.sent());
        client.put("answered", crowd.finished());
        client.put("unanswered", polls - crowd.finished());
        client.put("outcomes", crowd.outcomes());
        client.put("clientLimitErrors", crowd.clientLimitErrors());
        out.put("crowd", client);
        out.put("woken", crowd.doneNanos(200).length);
        out.put("wokenBeforeSaleReply", wokenBeforeReply);
        out.put("wakeUpFromSaleSent", Latencies.summary(fromSale));
        out.put("wakeUpCurve", Latencies.curve(fromSale));
        out.put("memory", memory(out));
        return out;
    }

    /**
     * Waits until every poll is opened and the crowd settles: the service's gauge reaches the crowd, or neither the
     * gauge nor the client's count of requests sent has moved for the settle time. The blocking service cannot
     * answer the scrape while its pool is full; then the client's count alone decides.
     */
    private void awaitHeld(URI base, Crowd crowd) throws InterruptedException {
        long hardEnd = System.nanoTime() + (long) (polls / connectsPerSecond * 1e9) + settle.toNanos() * 4;
        String last = "";
        long lastChange = System.nanoTime();
        try (HttpClient client = HttpClient.newHttpClient()) {
            while (System.nanoTime() < hardEnd) {
                Thread.sleep(250);
                Double gauge = scrapeGauge(client, base);
                if (gauge != null && gauge >= polls) {
                    return;
                }
                String seen = gauge + "/" + crowd.sent();
                if (!seen.equals(last)) {
                    last = seen;
                    lastChange = System.nanoTime();
                } else if (crowd.opened() == polls && System.nanoTime() - lastChange > settle.toNanos()) {
                    return;
                }
            }
        }
    }

    private static Double scrapeGauge(HttpClient client, URI base) {
        String text = Prometheus.scrape(client, base, Duration.ofSeconds(1)).join();
        return text == null ? null : Prometheus.sum(text, "c10k_longpoll_waiting");
    }

    /** Resident memory and threads from /proc, and from Prometheus what it answers within the timeout. */
    static Map<String, Object> snapshot(URI base, long pid, Duration timeout) {
        Map<String, Object> out = new LinkedHashMap<>();
        ProcessStats stats = ProcessStats.read(pid);
        if (stats != null) {
            out.put("rssBytes", stats.rssBytes());
            out.put("osThreads", stats.threads());
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            String text = Prometheus.scrape(client, base, timeout).join();
            out.put("prometheusAnswered", text != null);
            if (text != null) {
                putIfPresent(out, "longPollsWaiting", Prometheus.sum(text, "c10k_longpoll_waiting"));
                putIfPresent(out, "longPollsWaitingPeak", Prometheus.sum(text, "c10k_longpoll_waiting_peak"));
                putIfPresent(out, "jvmLiveThreads", Prometheus.sum(text, "jvm_threads_live_threads"));
                putIfPresent(out, "virtualThreads", Prometheus.sum(text, "jvm_threads_virtual_live_threads"));
                putIfPresent(out, "heapUsedBytes", Prometheus.sum(text, "jvm_memory_used_bytes", "area=\"heap\""));
            }
        }
        return out;
    }

    private static void putIfPresent(Map<String, Object> out, String key, Double value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    private Map<String, Object> sale(URI base, long trainId) {
        Map<String, Object> sale = new LinkedHashMap<>();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(saleTimeout).build()) {
            HttpResponse<String> reply = client.send(
                    Api.purchase(base, trainId, "c10k-buyer", UUID.randomUUID(), saleTimeout),
                    HttpResponse.BodyHandlers.ofString());
            sale.put("outcome", String.valueOf(reply.statusCode()));
        } catch (HttpTimeoutException e) {
            sale.put("outcome", "timed out");
        } catch (java.io.IOException e) {
            sale.put("outcome", "error: " + e); // the class too: a refused connection has no message
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sale.put("outcome", "interrupted");
        }
        sale.put("timeoutSeconds", saleTimeout.toMillis() / 1e3);
        return sale;
    }

    /** (RSS while held - RSS before) / held, per waiting poll (the service's gauge) and per open connection. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> memory(Map<String, Object> out) {
        Map<String, Object> before = (Map<String, Object>) out.get("before");
        Map<String, Object> held = (Map<String, Object>) out.get("held");
        Map<String, Object> memory = new LinkedHashMap<>();
        if (before.get("rssBytes") instanceof Number b && held.get("rssBytes") instanceof Number h) {
            double delta = h.doubleValue() - b.doubleValue();
            memory.put("rssDeltaBytes", delta);
            if (held.get("longPollsWaiting") instanceof Number waiting && waiting.doubleValue() > 0) {
                memory.put("rssBytesPerWaitingPoll", delta / waiting.doubleValue());
            }
            int connections = ((Number) held.get("clientConnected")).intValue();
            if (connections > 0) {
                memory.put("rssBytesPerConnection", delta / connections);
            }
        }
        if (before.get("heapUsedBytes") instanceof Number b && held.get("heapUsedBytes") instanceof Number h
                && held.get("longPollsWaiting") instanceof Number waiting && waiting.doubleValue() > 0) {
            memory.put("heapBytesPerWaitingPoll", (h.doubleValue() - b.doubleValue()) / waiting.doubleValue());
        }
        return memory;
    }
}
