package lab.c10k.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** The few calls of the contract (docs/api.md) the harness makes outside the load itself: set-up and audit. */
final class Api {

    private final URI base;
    private final HttpClient client;

    Api(URI base) {
        this.base = base;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    URI base() {
        return base;
    }

    /** Creates a train and returns its id. */
    long createTrain(String code, int capacity) {
        String body = Json.compact(Map.of("code", code, "origin", "Beijing", "destination", "Shanghai",
                "departsAt", "2026-12-01T08:00:00Z", "capacity", capacity));
        HttpResponse<String> reply = send(HttpRequest.newBuilder(base.resolve("/api/trains"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30)).build());
        if (reply.statusCode() != 201) {
            throw new IllegalStateException("creating train " + code + ": " + reply.statusCode() + " " + reply.body());
        }
        return ((Number) Json.parse(reply.body()).get("id")).longValue();
    }

    Map<String, Object> audit(long trainId) {
        HttpResponse<String> reply = send(HttpRequest.newBuilder(base.resolve("/api/trains/" + trainId + "/audit"))
                .timeout(Duration.ofSeconds(30)).build());
        return reply.statusCode() == 200 ? Json.parse(reply.body()) : null;
    }

    /**
     * The JIT's accumulated compile time in ms (Micrometer's {@code jvm_compilation_time_ms_total}), or NaN when the
     * service does not answer a scrape within 5 s.
     */
    double compileMillis() {
        String text = Prometheus.scrape(client, base, Duration.ofSeconds(5)).join();
        Double millis = text == null ? null : Prometheus.sum(text, "jvm_compilation_time_ms_total");
        return millis == null ? Double.NaN : millis;
    }

    static HttpRequest purchase(URI base, long trainId, String passenger, UUID requestId, Duration timeout) {
        String body = Json.compact(Map.of("passenger", passenger, "requestId", requestId.toString()));
        return HttpRequest.newBuilder(base.resolve("/api/trains/" + trainId + "/tickets"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(timeout).build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
