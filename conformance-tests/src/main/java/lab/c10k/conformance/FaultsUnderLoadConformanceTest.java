package lab.c10k.conformance;

import lab.c10k.conformance.support.Attempt;
import lab.c10k.conformance.support.Bounds;
import lab.c10k.conformance.support.FaultProxy;
import lab.c10k.conformance.support.FaultTest;
import lab.c10k.conformance.support.Problems;
import lab.c10k.conformance.support.PurchaseLoad;
import lab.c10k.conformance.support.Recovery;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.ServiceUnderTest.mysqlLink;
import static lab.c10k.conformance.support.ServiceUnderTest.redisLink;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults in the middle of purchases: buyers keep buying while MySQL, then Redis, is cut and then stalled. Whatever
 * each purchase answered, once every ambiguous one is settled by retrying its requestId, each train has sold exactly
 * the seats its buyers hold tickets for, no more, and its stock and audit agree.
 */
@FaultTest
class FaultsUnderLoadConformanceTest {

    private static final int TRAINS = 4;
    private static final int SEATS = 150;
    private static final int BUYERS = 12;

    @Test
    void everySeatIsSoldOnceAndAccountedForAfterCutsAndStallsMidPurchase() throws InterruptedException {
        List<Long> trainIds = IntStream.range(0, TRAINS).mapToObj(i -> createTrainId(SEATS)).toList();
        PurchaseLoad load = PurchaseLoad.start(trainIds, BUYERS, Bounds.twice(Bounds.MYSQL).plusSeconds(2));

        List<Attempt> attempts;
        try {
            fault(mysqlLink(), FaultProxy::cut, Duration.ofSeconds(2));
            fault(mysqlLink(), FaultProxy::stall, Bounds.MYSQL.plusSeconds(1));
            fault(redisLink(), FaultProxy::cut, Duration.ofSeconds(2));
            fault(redisLink(), FaultProxy::stall, Bounds.REDIS.plusSeconds(1));
        } finally {
            attempts = load.stop();
        }

        assertThat(attempts.size()).as("purchases made while the faults came and went").isGreaterThan(100);
        attempts.stream().filter(a -> a.reply() != null && !a.decided())
                .forEach(a -> Problems.assertUnavailable(a.reply()));
        assertThat(attempts.stream().map(Attempt::failure).filter(Objects::nonNull))
                .as("purchases left without an answer").allMatch(UncheckedIOException.class::isInstance);
        attempts.stream().filter(a -> a.reply() != null && a.reply().status() == 409)
                .forEach(a -> Problems.assertProblem(a.reply(), 409, Problems.SOLD_OUT));
        Recovery.awaitHealthy();
        List<Attempt> settled = Attempt.settleAll(attempts);
        for (long trainId : trainIds) {
            Recovery.assertAccountedFor(trainId, SEATS,
                    settled.stream().filter(a -> a.trainId() == trainId).toList());
        }
        Recovery.awaitNothingHeld();
    }

    /** Lets the load run on a passing link for a moment, then under the fault for {@code lasting}. */
    private static void fault(FaultProxy link, Consumer<FaultProxy> fault, Duration lasting)
            throws InterruptedException {
        Thread.sleep(1_000);
        fault.accept(link);
        Thread.sleep(lasting.toMillis());
        link.pass();
    }
}
