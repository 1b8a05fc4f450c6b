package lab.c10k.conformance.support;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * Buyers purchasing concurrently, each one purchase at a time on a random train, until stopped: the traffic a fault
 * meets mid-purchase. Like well-behaved clients they pause as long as a 503's {@code Retry-After} asks. Every attempt
 * is kept with its first answer, so that a test can settle the ambiguous ones.
 */
public final class PurchaseLoad {

    /** Between two purchases of one buyer: spreads the load over the faults instead of selling out at once. */
    private static final long MAX_PAUSE_MS = 60;

    private final URI baseUri;
    private final List<Long> trainIds;
    private final Duration within;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final Queue<AssertionError> hangs = new ConcurrentLinkedQueue<>();
    private final List<Thread> buyers;

    private PurchaseLoad(URI baseUri, List<Long> trainIds, int buyers, Duration within) {
        this.baseUri = baseUri;
        this.trainIds = trainIds;
        this.within = within;
        // Platform threads, a dozen for the length of one test: virtual ones starting together would all wait for the
        // first initialisation of the classes they use, pinning carriers in the JVM whose pinning the
        // virtual-thread service's build checks for the service's own sake.
        this.buyers = IntStream.range(0, buyers)
                .mapToObj(i -> Thread.ofPlatform().daemon().name("buyer-" + i).start(() -> buy(i)))
                .toList();
    }

    /** Starts {@code buyers} buyers; each purchase must be answered within {@code within}, or the test fails. */
    public static PurchaseLoad start(List<Long> trainIds, int buyers, Duration within) {
        return start(ServiceUnderTest.baseUri(), trainIds, buyers, within);
    }

    /** The same buyers, buying from another instance of the service. */
    public static PurchaseLoad start(URI baseUri, List<Long> trainIds, int buyers, Duration within) {
        return new PurchaseLoad(baseUri, trainIds, buyers, within);
    }

    /** Stops the buyers, waits for their last purchase, and returns every attempt made; fails on any hang. */
    public List<Attempt> stop() throws InterruptedException {
        running.set(false);
        for (Thread buyer : buyers) {
            buyer.join(within.plusSeconds(5));
        }
        if (!hangs.isEmpty()) {
            throw hangs.peek();
        }
        return List.copyOf(attempts);
    }

    private void buy(int buyer) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int n = 0; running.get(); n++) {
            long trainId = trainIds.get(random.nextInt(trainIds.size()));
            try {
                Attempt attempt = Attempt.send(baseUri, trainId, "Buyer " + buyer + "-" + n, Fixtures.newRequestId(), within);
                attempts.add(attempt);
                Thread.sleep(attempt.retryAfterMs().orElseGet(() -> random.nextLong(MAX_PAUSE_MS)));
            } catch (AssertionError e) {
                hangs.add(e);
                return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
