package lab.c10k.conformance.support;

import org.awaitility.Awaitility;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.fail;

/**
 * Starts long polls and returns once the service has registered them as waiting, so that a test can then change the
 * stock without sleeping and without racing the registration. Registration is read from the service's own gauge.
 */
public final class LongPolls {

    /** Currently waiting long polls, one series per {@code application} tag. */
    public static final String WAITING_GAUGE = "c10k_longpoll_waiting";

    private LongPolls() {
    }

    public static String updatesPath(long trainId, long waitMs) {
        return Fixtures.trainPath(trainId) + "/updates?waitMs=" + waitMs;
    }

    /** One poll, already waiting when this returns. */
    public static CompletableFuture<Reply> startWaiting(long trainId, long waitMs) {
        return startWaiting(updatesPath(trainId, waitMs), 1).getFirst();
    }

    /** {@code count} concurrent polls on one train, all waiting when this returns. */
    public static List<CompletableFuture<Reply>> startWaiting(long trainId, long waitMs, int count) {
        return startWaiting(updatesPath(trainId, waitMs), count);
    }

    /** {@code count} concurrent polls of this path (with its query), all waiting when this returns. */
    public static List<CompletableFuture<Reply>> startWaiting(String path, int count) {
        return startWaiting(ServiceUnderTest.baseUri(), path, count);
    }

    /** {@code count} concurrent polls of this path on another instance of the service, waiting when this returns. */
    public static List<CompletableFuture<Reply>> startWaiting(URI baseUri, String path, int count) {
        double before = Prometheus.sum(baseUri, WAITING_GAUGE);
        List<CompletableFuture<Reply>> polls = IntStream.range(0, count)
                .mapToObj(i -> Api.sendAsync(Api.request(baseUri, path).GET().build()))
                .toList();
        Awaitility.await("the service registers " + count + " waiting long poll(s) in " + WAITING_GAUGE)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(25))
                .until(() -> {
                    failIfAnyAnswered(polls);
                    return Prometheus.sum(baseUri, WAITING_GAUGE) >= before + count;
                });
        return polls;
    }

    // A poll that answers before anything changed (an error, a premature 200) would otherwise look like a gauge bug.
    private static void failIfAnyAnswered(List<CompletableFuture<Reply>> polls) {
        for (CompletableFuture<Reply> poll : polls) {
            if (poll.isDone()) {
                fail("A long poll answered before the stock changed: " + Api.await(poll));
            }
        }
    }
}
