package lab.c10k.lab;

import lab.c10k.conformance.support.Json;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's Prometheus, run as this test's own process (not the package's service): a fresh TSDB in a temporary
 * folder, on a free loopback port, with the flags compose gives it, loaded with the config it is handed.
 */
final class PrometheusProcess implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final Process process;
    private final URI baseUri;
    private final Path log;

    /** One series of an instant vector: its labels and its value as Prometheus writes it ("NaN" included). */
    record Series(Map<String, String> labels, String value) {

        boolean hasNumber() {
            return !"NaN".equals(value);
        }
    }

    /** The answer to one query: the error Prometheus gave, or the series it returned. */
    record Result(String error, List<Series> series) {
    }

    private PrometheusProcess(Process process, URI baseUri, Path log) {
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
    }

    static void requireBinary() {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("No " + BINARY + ": install Debian's Prometheus (apt-get install "
                    + "prometheus; .ci/run does it when missing)");
        }
    }

    static PrometheusProcess start(String config, int port) {
        requireBinary();
        try {
            Path home = Files.createTempDirectory(Files.createDirectories(Repository.target("lab")), "prometheus-");
            Path configFile = Files.writeString(home.resolve("prometheus.yml"), config);
            Path log = home.resolve("prometheus.log");
            Process process = new ProcessBuilder(List.of(BINARY.toString(),
                    "--config.file=" + configFile,
                    "--storage.tsdb.path=" + home.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--web.enable-remote-write-receiver",
                    "--enable-feature=native-histograms"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new PrometheusProcess(process, URI.create("http://127.0.0.1:" + port), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + BINARY, e);
        }
    }

    void awaitReady(Duration bound) {
        Processes.awaitAnswer("Prometheus", process, baseUri.resolve("/-/ready"), bound, () -> "see " + log);
    }

    /** Evaluates an instant query now, through the HTTP API a Grafana panel uses. */
    Result query(String promql) {
        URI uri = baseUri.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode answer = Json.parse(Http.get(uri).body());
        if (!"success".equals(answer.path("status").asString())) {
            return new Result(answer.path("errorType").asString() + ": " + answer.path("error").asString(), List.of());
        }
        List<Series> series = new ArrayList<>();
        for (JsonNode sample : answer.path("data").path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            sample.path("metric").properties().forEach(label -> labels.put(label.getKey(), label.getValue().asString()));
            series.add(new Series(labels, sample.path("value").path(1).asString()));
        }
        return new Result(null, series);
    }

    /** The value of a query that must return exactly one number, e.g. a count. */
    double scalar(String promql) {
        Result result = query(promql);
        if (result.error() != null || result.series().size() != 1) {
            return Double.NaN;
        }
        return Double.parseDouble(result.series().getFirst().value());
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(20));
    }
}
