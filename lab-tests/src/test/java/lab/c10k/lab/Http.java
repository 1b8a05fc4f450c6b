package lab.c10k.lab;

import lab.c10k.conformance.support.Json;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The lab test's HTTP client, for the services and Prometheus alike. (The conformance suite's {@code Api} checks every
 * reply against the one model under test; here three models answer.)
 */
final class Http {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    record Answer(String request, int status, String body) {

        Answer expect(int expected) {
            if (status != expected) {
                throw new AssertionError(request + " answered " + status + ", expected " + expected + ": " + body);
            }
            return this;
        }
    }

    private Http() {
    }

    static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT);
    }

    /** A POST of {@code body} as JSON, the way the services' clients send it. */
    static HttpRequest.Builder jsonPost(URI uri, JsonNode body) {
        return request(uri).header("Content-Type", "application/json").POST(BodyPublishers.ofString(Json.write(body)));
    }

    static Answer send(HttpRequest request) {
        try {
            var response = CLIENT.send(request, BodyHandlers.ofString());
            return new Answer(describe(request), response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static CompletableFuture<Answer> sendAsync(HttpRequest request) {
        return CLIENT.sendAsync(request, BodyHandlers.ofString())
                .thenApply(response -> new Answer(describe(request), response.statusCode(), response.body()));
    }

    static Answer get(URI uri) {
        return send(request(uri).GET().build());
    }

    /** True when {@code uri} answers 200 now; false while nothing listens there yet. */
    static boolean answers200(URI uri) {
        try {
            return CLIENT.send(request(uri).timeout(Duration.ofSeconds(5)).GET().build(), BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String describe(HttpRequest request) {
        return request.method() + " " + request.uri();
    }
}
