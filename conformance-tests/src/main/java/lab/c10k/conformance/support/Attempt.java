package lab.c10k.conformance.support;

import org.awaitility.Awaitility;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One purchase as a client sees it: the train, passenger and requestId it sent, and the answer it got, or the failure
 * that left it without one. Only 201, 200 and 409 decide a purchase; anything else is ambiguous until retried.
 */
public record Attempt(URI baseUri, long trainId, String passenger, String requestId, Reply reply, Throwable failure) {

    private static final Set<Integer> DECIDED = Set.of(200, 201, 409);

    private static final int SETTLERS = 16;

    /** Sends the purchase once; no answer within {@code within} is a hang, and fails the test. */
    public static Attempt send(long trainId, String passenger, String requestId, Duration within) {
        return send(ServiceUnderTest.baseUri(), trainId, passenger, requestId, within);
    }

    /** The same, to another instance of the service, which then settles it too. */
    public static Attempt send(URI baseUri, long trainId, String passenger, String requestId, Duration within) {
        try {
            Reply reply = Api.sendWithin(within, Fixtures.jsonPost(baseUri, Fixtures.ticketsPath(trainId),
                    Fixtures.purchaseBody(passenger, requestId)));
            return new Attempt(baseUri, trainId, passenger, requestId, reply, null);
        } catch (RuntimeException e) {
            Throwable failure = e instanceof CompletionException ? e.getCause() : e;
            return new Attempt(baseUri, trainId, passenger, requestId, null, failure);
        }
    }

    public boolean decided() {
        return reply != null && DECIDED.contains(reply.status());
    }

    /** Whether the purchase holds a ticket: 201, or 200 for a retry whose earlier attempt had bought it. */
    public boolean bought() {
        return reply != null && (reply.status() == 201 || reply.status() == 200);
    }

    /**
     * Retries with the same requestId until the service decides, within {@link Bounds#RECOVERY}: the only way to learn
     * whether an ambiguous attempt bought a seat, since a 503 may hide a commit that landed.
     */
    public Attempt settle() {
        if (decided()) {
            return this;
        }
        AtomicReference<Attempt> last = new AtomicReference<>(this);
        Awaitility.await("a decision for requestId " + requestId + " (first answer: " + describe() + ")")
                .atMost(Bounds.RECOVERY)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> last.updateAndGet(a -> send(baseUri, trainId, passenger, requestId, Api.TIMEOUT)).decided());
        return last.get();
    }

    /** How long the answer asked the client to wait before trying again ({@code Retry-After}), if it did. */
    public Optional<Long> retryAfterMs() {
        return Optional.ofNullable(reply).flatMap(r -> r.header("Retry-After")).map(s -> Long.parseLong(s) * 1_000);
    }

    /**
     * Settles every attempt, the ambiguous ones concurrently, as their clients would, rather than one after another
     * (on platform threads, for the reason {@link PurchaseLoad}'s buyers are).
     */
    public static List<Attempt> settleAll(List<Attempt> attempts) {
        try (ExecutorService settlers = Executors.newFixedThreadPool(SETTLERS)) {
            List<Future<Attempt>> settled = attempts.stream().map(a -> settlers.submit(a::settle)).toList();
            return settled.stream().map(Attempt::result).toList();
        }
    }

    private static Attempt result(Future<Attempt> settled) {
        try {
            return settled.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String describe() {
        return reply != null ? reply.status() + " " + reply.body() : String.valueOf(failure);
    }
}
