package lab.c10k.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The flash sale: {@code buyers} buyers, {@code vus} at a time, race for {@code seats} seats of one train. A 503 or
 * a lost connection is retried with the same requestId (the contract's way to resolve an ambiguous outcome), so
 * that the tickets counted are the tickets sold.
 */
record FlashSale(int buyers, int vus, int retries, Duration timeout) {

    Map<String, Object> run(URI base, long trainId) throws InterruptedException {
        Histogram latency = new SynchronizedHistogram(3_600_000_000L, 3);
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicLong lastSoldNanos = new AtomicLong();
        long start = System.nanoTime();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).build();
             var workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < vus; w++) {
                workers.submit(() -> {
                    for (int b; (b = next.getAndIncrement()) < buyers; ) {
                        long begin = System.nanoTime();
                        String outcome = buy(client, base, trainId, "buyer-" + b);
                        long end = System.nanoTime();
                        latency.recordValue((end - begin) / 1000);
                        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                        if (outcome.equals("201") || outcome.equals("200")) {
                            lastSoldNanos.accumulateAndGet(end, Math::max);
                        }
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("buyers", buyers);
        out.put("vus", vus);
        out.put("seconds", seconds);
        out.put("purchasesPerSecond", buyers / seconds);
        out.put("secondsToSellOut", lastSoldNanos.get() == 0 ? null : (lastSoldNanos.get() - start) / 1e9);
        Map<String, Object> counts = new LinkedHashMap<>();
        outcomes.forEach((k, v) -> counts.put(k, v.get()));
        out.put("outcomes", counts);
        out.put("latency", Latencies.summary(latency));
        return out;
    }

    /** One buyer's purchase, retried on 503 and on I/O errors with the same requestId; the final status. */
    private String buy(HttpClient client, URI base, long trainId, String passenger) {
        UUID requestId = UUID.randomUUID();
        String outcome = "none";
        for (int attempt = 0; attempt <= retries; attempt++) {
            try {
                HttpResponse<Void> reply = client.send(Api.purchase(base, trainId, passenger, requestId, timeout),
                        HttpResponse.BodyHandlers.discarding());
                outcome = String.valueOf(reply.statusCode());
                if (reply.statusCode() != 503) {
                    return outcome;
                }
            } catch (IOException e) {
                outcome = e instanceof java.net.http.HttpTimeoutException ? "timeout" : "io-error";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
            try {
                Thread.sleep(200L << attempt); // Retry-After is 1 s; a sale backs off less, and doubles
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return outcome;
            }
        }
        return outcome;
    }
}
