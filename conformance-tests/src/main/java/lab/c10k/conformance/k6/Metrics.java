package lab.c10k.conformance.k6;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Every sample the scripts and the shim emit during one run, and the metrics they belong to: k6's built-in ones
 * and those the scripts declare. Aggregates follow k6's sinks (a trend's percentiles interpolate linearly).
 */
final class Metrics {

    enum Type {
        COUNTER, GAUGE, RATE, TREND;

        String k6Name() {
            return name().toLowerCase();
        }
    }

    record Definition(String name, Type type, boolean time) {
    }

    record Sample(String metric, double value, Map<String, String> tags) {
    }

    // k6 refuses other names.
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,127}");

    private final Map<String, Definition> definitions = new ConcurrentHashMap<>();
    private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();

    Metrics() {
        for (String trend : List.of("http_req_duration", "http_req_blocked", "http_req_connecting",
                "http_req_tls_handshaking", "http_req_sending", "http_req_waiting", "http_req_receiving",
                "iteration_duration", "group_duration")) {
            builtIn(trend, Type.TREND, true);
        }
        builtIn("http_reqs", Type.COUNTER, false);
        builtIn("http_req_failed", Type.RATE, false);
        builtIn("iterations", Type.COUNTER, false);
        builtIn("dropped_iterations", Type.COUNTER, false);
        builtIn("data_sent", Type.COUNTER, false);
        builtIn("data_received", Type.COUNTER, false);
        builtIn("checks", Type.RATE, false);
        builtIn("vus", Type.GAUGE, false);
        builtIn("vus_max", Type.GAUGE, false);
    }

    private void builtIn(String name, Type type, boolean time) {
        definitions.put(name, new Definition(name, type, time));
    }

    /** A custom metric; every VU declares it again, which k6 allows as long as the type agrees. */
    void register(String name, String type, boolean time) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid metric name \"" + name + "\": k6 allows " + NAME);
        }
        Definition wanted = new Definition(name, Type.valueOf(type.toUpperCase()), time);
        Definition existing = definitions.putIfAbsent(name, wanted);
        if (existing != null && !existing.equals(wanted)) {
            throw new IllegalArgumentException("metric " + name + " is already a " + existing.type().k6Name()
                    + (existing.time() ? " of time" : "") + "; cannot declare it as " + type);
        }
    }

    void add(String name, double value, Map<String, String> tags) {
        if (!definitions.containsKey(name)) {
            throw new IllegalArgumentException("no metric " + name);
        }
        samples.add(new Sample(name, value, Map.copyOf(tags)));
    }

    Definition definition(String name) {
        return definitions.get(name);
    }

    List<Sample> samples(String metric, Predicate<Map<String, String>> tags) {
        return samples.stream().filter(s -> s.metric().equals(metric) && tags.test(s.tags())).toList();
    }

    List<String> namesWithSamples() {
        return samples.stream().map(Sample::metric).distinct().sorted().toList();
    }

    /** k6's aggregate of these samples by the method a threshold or the summary names. */
    static double aggregate(Type type, List<Sample> of, String method, double seconds) {
        double[] values = of.stream().mapToDouble(Sample::value).toArray();
        return switch (method) {
            case "count" -> type == Type.TREND ? values.length : Arrays.stream(values).sum();
            case "rate" -> type == Type.RATE
                    ? (values.length == 0 ? 0 : Arrays.stream(values).filter(v -> v != 0).count() / (double) values.length)
                    : Arrays.stream(values).sum() / seconds;
            case "passes" -> Arrays.stream(values).filter(v -> v != 0).count();
            case "fails" -> Arrays.stream(values).filter(v -> v == 0).count();
            case "value" -> values.length == 0 ? 0 : values[values.length - 1];
            case "avg" -> Arrays.stream(values).average().orElse(0);
            case "min" -> Arrays.stream(values).min().orElse(0);
            case "max" -> Arrays.stream(values).max().orElse(0);
            case "med" -> percentile(values, 50);
            default -> percentile(values, Double.parseDouble(method.substring(2, method.length() - 1)));
        };
    }

    private static double percentile(double[] values, double pct) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double i = pct / 100 * (sorted.length - 1);
        double low = sorted[(int) Math.floor(i)];
        double high = sorted[(int) Math.ceil(i)];
        return low + (high - low) * (i - Math.floor(i));
    }
}
