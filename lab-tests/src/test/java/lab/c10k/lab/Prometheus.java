package lab.c10k.lab;

import lab.c10k.conformance.support.Json;
import org.testcontainers.DockerClientFactory;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus the lab test queries as a Grafana panel would, loaded with the repository's prometheus.yml: compose's
 * own image when a Docker engine answers ({@link PrometheusContainer}), else Debian's binary on this machine
 * ({@link PrometheusProcess}), else a failure at once that says what to install.
 */
interface Prometheus extends AutoCloseable {

    /** The compose target prometheus.yml gives Prometheus's own metrics. */
    String SELF = "prometheus:9090";

    /** One series of an instant vector: its labels and its value as Prometheus writes it ("NaN" included). */
    record Series(Map<String, String> labels, String value) {

        boolean hasNumber() {
            return !"NaN".equals(value);
        }
    }

    /** The answer to one query: the error Prometheus gave, or the series it returned. */
    record Result(String error, List<Series> series) {
    }

    /** Fails in a second, before any service starts, when neither a Docker engine nor the binary is there. */
    static void requireOne() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            PrometheusProcess.requireBinary();
        }
    }

    /**
     * Starts one, ready to answer, that scrapes each compose target of {@code targets} ("blocking-service:8080") on
     * the 127.0.0.1 port it maps to.
     */
    static Prometheus start(String config, Map<String, Integer> targets) {
        return DockerClientFactory.instance().isDockerAvailable()
                ? PrometheusContainer.start(config, targets)
                : PrometheusProcess.start(config, targets);
    }

    URI baseUri();

    @Override
    void close();

    /** Evaluates an instant query now, through the HTTP API a Grafana panel uses. */
    default Result query(String promql) {
        URI uri = baseUri().resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
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
    default double scalar(String promql) {
        Result result = query(promql);
        if (result.error() != null || result.series().size() != 1) {
            return Double.NaN;
        }
        return Double.parseDouble(result.series().getFirst().value());
    }
}
