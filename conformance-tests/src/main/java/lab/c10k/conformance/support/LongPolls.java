package lab.c10k.conformance.support;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.fail;

/**
 * Starts long polls and returns once the service has registered them as waiting, so that a test can then change the
 * stock without sleeping and without racing the registration. Registration is read from the service's own gauge.
 */
public final class LongPolls {

    /** Currently waiting long polls, one series per {@code application} tag. */
    public static final String WAITING_GAUGE = "c10k_longpoll_waiting";

    /**
     * How long registration may make no progress at all before the test fails. Not a bound on the whole registration:
     * on a loaded machine (a build beside the suite) 2,000 polls took over 20 s to register, steadily; a service that
     * registers nothing is stuck, however loaded the machine. A poll's own {@code waitMs} still ends a registration
     * slower than it: that poll answers 204 early, which fails the test as an early answer.
     */
    private static final String IN_FLIGHT = "c10k_http_requests_in_flight";

    private static final Duration NO_PROGRESS = Duration.ofSeconds(20);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    /**
     * Polls opened at once, at most two batches waiting to register: a crowd of 2,000 sent in one burst put 4,000 Redis
     * commands in one queue, and on a loaded machine that burst alone outlasted the services' 2 s Redis bound (503s).
     * The crowd still waits all at once; only its arrival is paced.
     */
    private static final int BATCH = 100;

    /** Longer than the longest wait a poll may ask for (30 s): the client never gives up before the service answers. */
    private static final Duration POLL_TIMEOUT = Api.TIMEOUT.plusSeconds(30);

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
        List<CompletableFuture<Reply>> polls = new ArrayList<>(count);
        while (polls.size() < count) {
            // At most two batches unregistered at a time: the next is sent while the last one registers.
            awaitRegistered(baseUri, polls, before, polls.size() - BATCH);
            int batch = Math.min(BATCH, count - polls.size());
            for (int i = 0; i < batch; i++) {
                polls.add(Api.sendAsync(Api.request(baseUri, path).timeout(POLL_TIMEOUT).GET().build()));
            }
        }
        awaitRegistered(baseUri, polls, before, count);
        return polls;
    }

    /** Waits until the gauge counts {@code target} polls, failing when it makes no progress for a while. */
    private static void awaitRegistered(URI baseUri, List<CompletableFuture<Reply>> polls, double before, int target) {
        double registered = -1;
        long lastProgress = System.nanoTime();
        while (target > 0) {
            failIfAnyAnswered(polls);
            double now = Prometheus.sum(baseUri, WAITING_GAUGE) - before;
            if (now >= target) {
                return;
            }
            if (now > registered) {
                registered = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > NO_PROGRESS.toNanos()) {
                // In flight but not waiting: stuck inside the service; neither: lost before the service saw it.
                fail("The service registered no more long polls in " + WAITING_GAUGE + " for " + NO_PROGRESS + ": "
                        + registered + " of " + polls.size() + "; it serves " + Prometheus.sum(baseUri, IN_FLIGHT)
                        + " HTTP requests in " + IN_FLIGHT + " (this scrape included)");
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for long polls to register", e);
        }
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
