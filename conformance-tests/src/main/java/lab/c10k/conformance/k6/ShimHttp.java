package lab.c10k.conformance.k6;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * k6/http's requests on java.net.http: one HTTP/1.1 client for the run, no redirects followed (the contract has
 * none), k6's default timeout of 60 s. Each request emits k6's HTTP metrics with k6's system tags; the reply is
 * shaped like k6's Response (canonical header names, status 0 and error_code when no reply came).
 */
final class ShimHttp implements AutoCloseable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final String[] PHASES = {"http_req_blocked", "http_req_connecting", "http_req_tls_handshaking",
        "http_req_sending", "http_req_receiving"};

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Metrics metrics;

    ShimHttp(Metrics metrics) {
        this.metrics = metrics;
    }

    /** Sends one request built by the shim's http.js; tags are the VU's (test, scenario, group). */
    ObjectNode send(JsonNode request, Tags tags) {
        return finish(request, tags, start(request), System.nanoTime());
    }

    /** Sends all at once, as http.batch does, and answers in the same order. */
    List<ObjectNode> batch(JsonNode requests, Tags tags) {
        long started = System.nanoTime();
        List<JsonNode> all = requests.valueStream().toList();
        List<CompletableFuture<HttpResponse<String>>> pending = all.stream().map(this::start).toList();
        return java.util.stream.IntStream.range(0, all.size())
                .mapToObj(i -> finish(all.get(i), tags, pending.get(i), started))
                .toList();
    }

    private CompletableFuture<HttpResponse<String>> start(JsonNode request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.path("url").asString()))
                .timeout(request.path("timeout").isNull() ? DEFAULT_TIMEOUT : Durations.parse(request.path("timeout").asString()))
                .header("User-Agent", "k6-shim (c10k-lab contract test)");
        request.path("headers").properties().forEach(h -> builder.header(h.getKey(), h.getValue().asString()));
        String body = request.path("body").isNull() ? null : request.path("body").asString();
        builder.method(request.path("method").asString(), body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private ObjectNode finish(JsonNode request, Tags tags, CompletableFuture<HttpResponse<String>> pending, long started) {
        ObjectNode reply = json.createObjectNode();
        int status = 0;
        String error = null;
        int errorCode = 0;
        String body = null;
        HttpHeaders headers = HttpHeaders.of(Map.of(), (a, b) -> true);
        try {
            HttpResponse<String> response = pending.get();
            status = response.statusCode();
            headers = response.headers();
            body = response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            error = "interrupted";
            errorCode = 1000;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            errorCode = cause instanceof HttpTimeoutException ? 1050 : cause instanceof ConnectException ? 1212 : 1000;
        }
        double millis = (System.nanoTime() - started) / 1e6;
        reply.put("status", status);
        reply.put("url", request.path("url").asString());
        reply.put("proto", "HTTP/1.1");
        reply.put("body", "none".equals(request.path("responseType").asString()) ? null : body == null ? "" : body);
        reply.put("error", error == null ? "" : error);
        reply.put("error_code", errorCode);
        ObjectNode replyHeaders = reply.putObject("headers");
        canonical(headers).forEach(replyHeaders::put);
        ObjectNode timings = reply.putObject("timings");
        timings.put("duration", millis);
        timings.put("waiting", millis);
        for (String phase : PHASES) {
            timings.put(phase.substring("http_req_".length()), 0.0);
        }
        ObjectNode sent = reply.putObject("request");
        sent.put("method", request.path("method").asString());
        sent.put("url", request.path("url").asString());
        sent.set("body", request.path("body"));
        emit(request, tags, status, errorCode, millis, body);
        return reply;
    }

    private void emit(JsonNode request, Tags tags, int status, int errorCode, double millis, String body) {
        Map<String, String> system = new HashMap<>();
        system.put("proto", "HTTP/1.1");
        system.put("method", request.path("method").asString());
        system.put("status", String.valueOf(status));
        system.put("url", request.path("url").asString());
        system.put("name", request.path("url").asString());
        if (errorCode != 0) {
            system.put("error_code", String.valueOf(errorCode));
        }
        Boolean expected = null;
        if (request.path("expected").isArray()) {
            int s = status;
            expected = request.path("expected").valueStream()
                    .anyMatch(range -> s >= range.path("min").asInt() && s <= range.path("max").asInt());
            system.put("expected_response", String.valueOf(expected));
        }
        Map<String, String> own = new HashMap<>();
        request.path("tags").properties().forEach(t -> own.put(t.getKey(), t.getValue().asString()));
        Map<String, String> sample = tags.forSample(system, own);
        metrics.add("http_reqs", 1, sample);
        metrics.add("http_req_duration", millis, sample);
        metrics.add("http_req_waiting", millis, sample);
        for (String phase : PHASES) {
            metrics.add(phase, 0, sample);
        }
        if (expected != null) {
            metrics.add("http_req_failed", expected ? 0 : 1, sample);
        }
        String sentBody = request.path("body").isNull() ? "" : request.path("body").asString();
        metrics.add("data_sent", sentBody.getBytes(StandardCharsets.UTF_8).length, tags.forSample(Map.of(), Map.of()));
        metrics.add("data_received", body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length,
                tags.forSample(Map.of(), Map.of()));
    }

    /** Header names as k6 (Go's net/textproto) gives them: Content-Type, X-Concurrency-Model; values joined. */
    static Map<String, String> canonical(HttpHeaders headers) {
        Map<String, String> out = new TreeMap<>();
        headers.map().forEach((name, values) -> out.merge(canonicalName(name), String.join(", ", values),
                (a, b) -> a + ", " + b));
        return out;
    }

    static String canonicalName(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }

    @Override
    public void close() {
        client.close();
    }
}
