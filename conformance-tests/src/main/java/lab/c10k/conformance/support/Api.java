package lab.c10k.conformance.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite's HTTP client (HTTP/1.1, like the load tests). Every reply is checked for what the contract demands of
 * all responses: the {@code X-Concurrency-Model} header, no internal error, only the listed problem types.
 */
public final class Api {

    /** Bounds every request, so a hung service fails a test instead of blocking the build. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    // Virtual threads for the client's own work: the tests count the JVM's platform threads, and
    // the default cached pool would add client threads to the service's.
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .version(HttpClient.Version.HTTP_1_1)
            // As long as a request may take: a crowd of 2,000 connections at once overflows a 100-deep accept queue,
            // and with builds beside the suite the kernel's SYN retries were seen to take more than 10 s.
            .connectTimeout(TIMEOUT)
            .build();

    private Api() {
    }

    /** A request to a path (with its query) on the service under test; the path is used exactly as given. */
    public static HttpRequest.Builder request(String pathAndQuery) {
        return request(ServiceUnderTest.baseUri(), pathAndQuery);
    }

    /** A request to another instance of the service (one a test started itself). */
    public static HttpRequest.Builder request(URI baseUri, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(baseUri + pathAndQuery)).timeout(TIMEOUT);
    }

    public static Reply get(String path) {
        return send(request(path).GET());
    }

    public static Reply delete(String path) {
        return send(request(path).DELETE());
    }

    public static Reply postJson(String path, String json) {
        return post(path, BodyPublishers.ofString(json), "Content-Type", "application/json");
    }

    public static Reply post(String path, BodyPublisher body, String... headers) {
        return method("POST", path, body, headers);
    }

    /** Any method, any body, any headers (name, value, name, value...): for the wrong ones too. */
    public static Reply method(String method, String path, BodyPublisher body, String... headers) {
        HttpRequest.Builder builder = request(path).method(method, body);
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder);
    }

    public static Reply send(HttpRequest.Builder builder) {
        return await(sendAsync(builder.build()));
    }

    /**
     * Sends with a client-side timeout: a service that must answer within a bound fails the test when it hangs past it
     * (an assertion naming the bound, not an I/O error).
     */
    public static Reply sendWithin(Duration bound, HttpRequest.Builder builder) {
        return await(sendAsyncWithin(bound, builder));
    }

    public static CompletableFuture<Reply> sendAsyncWithin(Duration bound, HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(bound).build();
        return sendAsync(request).exceptionally(failure -> {
            if (failure instanceof HttpTimeoutException || failure.getCause() instanceof HttpTimeoutException) {
                throw new AssertionError("No answer within " + bound + " to " + request.method() + " "
                        + request.uri(), failure);
            }
            throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
        });
    }

    /** Waits for a reply already on its way, failing the test when none comes within the bound. */
    public static Reply awaitWithin(Duration bound, CompletableFuture<Reply> pending) {
        try {
            return await(pending.orTimeout(bound.toMillis(), TimeUnit.MILLISECONDS));
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw new AssertionError("No answer within " + bound, e);
            }
            throw e;
        }
    }

    public static CompletableFuture<Reply> sendAsync(HttpRequest request) {
        return CLIENT.sendAsync(request, BodyHandlers.ofString()).whenComplete((reply, failure) -> {
            if (failure != null && (failure instanceof HttpTimeoutException
                    || failure.getCause() instanceof HttpTimeoutException)) {
                ThreadDumps.onHang(request.method() + " " + request.uri());
            }
        }).thenApply(Api::check);
    }

    /** Sends all {@code count} requests before awaiting any reply, so they really overlap; the replies in order. */
    public static List<Reply> concurrently(int count, IntFunction<HttpRequest> request) {
        List<CompletableFuture<Reply>> pending = IntStream.range(0, count)
                .mapToObj(i -> sendAsync(request.apply(i)))
                .toList();
        return pending.stream().map(Api::await).toList();
    }

    /** How many replies had each status. */
    public static Map<Integer, Long> countByStatus(List<Reply> replies) {
        return replies.stream().collect(Collectors.groupingBy(Reply::status, Collectors.counting()));
    }

    /** Waits for an asynchronous reply (bounded by {@link #TIMEOUT}), rethrowing the assertion that failed it. */
    public static Reply await(CompletableFuture<Reply> pending) {
        try {
            return pending.get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            throw rethrow(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("No reply within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof AssertionError error) {
            throw error;
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        return new IllegalStateException(cause);
    }

    private static Reply check(HttpResponse<String> response) {
        String request = response.request().method() + " " + response.uri().getRawPath()
                + (response.uri().getRawQuery() == null ? "" : "?" + response.uri().getRawQuery());
        Reply reply = new Reply(request, response.statusCode(), response.headers(), response.body());
        assertThat(reply.header("X-Concurrency-Model")).as("X-Concurrency-Model of %s, reply: %s", request, reply)
                .contains(ServiceUnderTest.expectedModel());
        assertThat(reply.status()).as("%s must never answer 500 internal-error, reply: %s", request, reply)
                .isNotEqualTo(500);
        if (reply.contentType().startsWith(Problems.CONTENT_TYPE)) {
            Problems.assertWellFormed(reply);
        }
        return reply;
    }
}
