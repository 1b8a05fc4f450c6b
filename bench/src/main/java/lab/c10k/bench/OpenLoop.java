package lab.c10k.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * An open-model load generator: requests start at a constant arrival rate whatever the service does, and each
 * latency is measured from the request's <em>intended</em> start time, not from when it was sent. A slow reply
 * therefore cannot hide the requests that should have started meanwhile (coordinated omission): they start on
 * schedule on other connections, and if the generator itself falls behind its schedule, the delay counts as
 * latency too.
 *
 * <p>A request is <em>dropped</em> when {@code maxInFlight} requests are already waiting (k6's maxVUs), and
 * <em>late</em> when it started more than the tolerance after its intended time; the run's check fails on any
 * dropped and on more late ones than allowed. Java's HttpClient over HTTP/1.1 opens one connection per request
 * in flight and keeps them for reuse, as a browser-like client population would.
 */
final class OpenLoop {

    private final double ratePerSecond;
    private final Duration duration;
    private final int maxInFlight;
    private final long toleranceNanos;
    private final Duration timeout;

    OpenLoop(double ratePerSecond, Duration duration, int maxInFlight, Duration tolerance, Duration timeout) {
        this.ratePerSecond = ratePerSecond;
        this.duration = duration;
        this.maxInFlight = maxInFlight;
        this.toleranceNanos = tolerance.toNanos();
        this.timeout = timeout;
    }

    /** Runs the schedule; {@code requestFor(i)} names the i-th request's kind and URI (see {@link Target}). */
    Map<String, Object> run(URI base, LongFunction<Target> requestFor) throws InterruptedException {
        Histogram fromIntended = new SynchronizedHistogram(3_600_000_000L, 3);
        Histogram fromSent = new SynchronizedHistogram(3_600_000_000L, 3);
        Histogram startLag = new Histogram(3_600_000_000L, 3);
        Map<String, Histogram> byKind = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long dropped = 0;
        long late = 0;
        long maxLagNanos = 0;
        Semaphore slots = new Semaphore(maxInFlight);
        long scheduled = Math.round(ratePerSecond * duration.toNanos() / 1e9);
        double periodNanos = 1e9 / ratePerSecond;
        try (var executor = Executors.newFixedThreadPool(2);
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                     .connectTimeout(timeout).build()) {
            long gcBefore = ClientJvm.gcPauseMillis();
            long start = System.nanoTime() + 10_000_000;
            for (long i = 0; i < scheduled; i++) {
                long intended = start + (long) (i * periodNanos);
                long now;
                while ((now = System.nanoTime()) < intended) {
                    LockSupport.parkNanos(intended - now);
                }
                long lag = now - intended;
                maxLagNanos = Math.max(maxLagNanos, lag);
                startLag.recordValue(lag / 1000);
                if (lag > toleranceNanos) {
                    late++;
                }
                if (!slots.tryAcquire()) {
                    dropped++;
                    continue;
                }
                Target target = requestFor.apply(i);
                HttpRequest request = HttpRequest.newBuilder(base.resolve(target.path())).timeout(timeout).build();
                long sent = System.nanoTime();
                client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((reply, error) -> {
                    long end = System.nanoTime();
                    slots.release();
                    if (error == null && reply.statusCode() == 200) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                    long micros = (end - intended) / 1000;
                    fromIntended.recordValue(micros);
                    fromSent.recordValue((end - sent) / 1000);
                    byKind.computeIfAbsent(target.kind(), k -> new SynchronizedHistogram(3_600_000_000L, 3))
                            .recordValue(micros);
                });
            }
            long scheduleEnd = System.nanoTime();
            long gcDuring = ClientJvm.gcPauseMillis() - gcBefore;
            // Let the last requests answer (each is bounded by the timeout).
            if (!slots.tryAcquire(maxInFlight, timeout.toMillis() + 2000, TimeUnit.MILLISECONDS)) {
                Progress.say("  open model: requests still in flight after their timeout");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("ratePerSecond", ratePerSecond);
            out.put("seconds", duration.toMillis() / 1e3);
            out.put("scheduled", scheduled);
            out.put("dropped", dropped);
            out.put("late", late);
            out.put("maxStartLagMs", maxLagNanos / 1e6);
            out.put("startLag", Latencies.summary(startLag));
            out.put("clientGcMsDuringSchedule", gcDuring);
            out.put("ok", ok.get());
            out.put("failed", failed.get());
            out.put("achievedRatePerSecond", (ok.get() + failed.get()) / ((scheduleEnd - start) / 1e9));
            out.put("latencyFromIntendedStart", Latencies.summary(fromIntended));
            out.put("latencyFromSend", Latencies.summary(fromSent));
            Map<String, Object> kinds = new LinkedHashMap<>();
            byKind.forEach((kind, h) -> kinds.put(kind, Latencies.summary(h)));
            out.put("latencyByKind", kinds);
            out.put("curve", Latencies.curve(fromIntended));
            return out;
        }
    }

    /** One request of the schedule: a name for the report and the path to GET. */
    record Target(String kind, String path) {
    }
}
