package lab.c10k.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Samples the service process while a measurement runs: CPU, RSS and OS threads from /proc, and from its
 * /actuator/prometheus the JVM's live threads, virtual threads (virtual-thread service), GC pauses, heap and the
 * waiting long polls. A scrape that times out leaves its fields empty; /proc is read regardless.
 */
final class Sampler implements AutoCloseable {

    private final long pid;
    private final URI base;
    private final long periodMs;
    private final double clkTck;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final List<Map<String, Object>> samples = new CopyOnWriteArrayList<>();
    private final long startNanos = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;

    Sampler(long pid, URI base, long periodMs, double clkTck) {
        this.pid = pid;
        this.base = base;
        this.periodMs = periodMs;
        this.clkTck = clkTck;
        this.thread = Thread.ofPlatform().daemon().name("sampler").start(this::loop);
    }

    private void loop() {
        long next = System.nanoTime();
        while (running) {
            sampleNow();
            next += periodMs * 1_000_000;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(sleep);
            }
        }
    }

    /** Takes one sample (the /proc part at once, the scrape's fields when it answers) and returns it. */
    Map<String, Object> sampleNow() {
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("tMs", (System.nanoTime() - startNanos) / 1_000_000);
        ProcessStats stats = ProcessStats.read(pid);
        if (stats != null) {
            sample.put("cpuSeconds", stats.cpuTicks() / clkTck);
            sample.put("rssBytes", stats.rssBytes());
            sample.put("osThreads", stats.threads());
        }
        samples.add(sample);
        Prometheus.scrape(client, base, Duration.ofMillis(Math.max(1000, periodMs - 100))).thenAccept(text -> {
            if (text == null) {
                return;
            }
            put(sample, "jvmLiveThreads", Prometheus.sum(text, "jvm_threads_live_threads"));
            put(sample, "virtualThreads", Prometheus.sum(text, "jvm_threads_virtual_live_threads"));
            put(sample, "gcPauses", Prometheus.sum(text, "jvm_gc_pause_seconds_count"));
            put(sample, "gcPauseSeconds", Prometheus.sum(text, "jvm_gc_pause_seconds_sum"));
            put(sample, "heapUsedBytes", Prometheus.sum(text, "jvm_memory_used_bytes", "area=\"heap\""));
            put(sample, "longPollsWaiting", Prometheus.sum(text, "c10k_longpoll_waiting"));
        });
        return sample;
    }

    private static void put(Map<String, Object> sample, String key, Double value) {
        if (value != null) {
            sample.put(key, value);
        }
    }

    List<Map<String, Object>> samples() {
        return new ArrayList<>(samples);
    }

    /** Milliseconds since the sampler started: the time base of the samples' tMs. */
    long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** CPU (in cores), peak RSS and threads, and GC over the samples taken. */
    Map<String, Object> summary() {
        return summary(samples());
    }

    /** The same over the samples taken from fromMs to toMs (elapsedMs), one step of a scenario. */
    Map<String, Object> summary(long fromMs, long toMs) {
        return summary(samples().stream().filter(s -> {
            long t = ((Number) s.get("tMs")).longValue();
            return t >= fromMs && t <= toMs;
        }).toList());
    }

    private static Map<String, Object> summary(List<Map<String, Object>> all) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (all.size() >= 2) {
            Map<String, Object> first = all.getFirst();
            Map<String, Object> last = all.getLast();
            double seconds = (((Number) last.get("tMs")).longValue() - ((Number) first.get("tMs")).longValue()) / 1e3;
            if (seconds > 0 && first.containsKey("cpuSeconds") && last.containsKey("cpuSeconds")) {
                out.put("cpuCores", (num(last, "cpuSeconds") - num(first, "cpuSeconds")) / seconds);
            }
            delta(out, all, "gcPauses");
            delta(out, all, "gcPauseSeconds");
        }
        max(out, all, "rssBytes");
        max(out, all, "osThreads");
        max(out, all, "jvmLiveThreads");
        max(out, all, "virtualThreads");
        max(out, all, "heapUsedBytes");
        return out;
    }

    private static void delta(Map<String, Object> out, List<Map<String, Object>> all, String key) {
        List<Double> values = all.stream().filter(s -> s.containsKey(key)).map(s -> num(s, key)).toList();
        if (values.size() >= 2) {
            out.put(key, values.getLast() - values.getFirst());
        }
    }

    private static void max(Map<String, Object> out, List<Map<String, Object>> all, String key) {
        all.stream().filter(s -> s.containsKey(key)).mapToDouble(s -> num(s, key)).max()
                .ifPresent(v -> out.put("max" + Character.toUpperCase(key.charAt(0)) + key.substring(1), v));
    }

    static double num(Map<String, Object> sample, String key) {
        return ((Number) sample.get(key)).doubleValue();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        sampleNow();
        client.shutdownNow();
    }
}
