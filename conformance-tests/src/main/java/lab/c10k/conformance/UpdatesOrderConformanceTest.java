package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.FaultTest;
import lab.c10k.conformance.support.Reply;
import lab.c10k.conformance.support.RunningService;
import lab.c10k.conformance.support.ServiceUnderTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static lab.c10k.conformance.support.Fixtures.buyTicket;
import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.LongPolls.startWaiting;
import static lab.c10k.conformance.support.LongPolls.updatesPath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long poll answers the first change after it arrived, however late an older change's message reaches the service.
 * A PUBLISH returns to the seller before Redis delivers the message on the subscription's own connection, so a poll
 * sent right after a sale can register before that sale's message arrives. By chance that happens a few times in
 * hundreds of rounds; here the subscription's link is slowed, so that it happens every time: ordering must decide,
 * not timing.
 */
@FaultTest
class UpdatesOrderConformanceTest {

    private static final long LONG_WAIT = 30_000;

    /** Far longer than a poll takes to register after the sale's reply, far shorter than the service's deafness bound. */
    private static final Duration MESSAGE_DELAY = Duration.ofMillis(400);

    @BeforeEach
    void delayWhatReachesTheSubscription() {
        ServiceUnderTest.redisLink().delaySubscriptions(MESSAGE_DELAY);
    }

    @Test
    void aSaleWhoseMessageArrivesAfterThePollDoesNotWakeIt() {
        long trainId = createTrainId(3);
        buyTicket(trainId);

        // Waits well past the moment the sale's message arrives.
        Reply reply = Api.get(updatesPath(trainId, MESSAGE_DELAY.multipliedBy(4).toMillis()));

        reply.expectStatus(204);
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void theNextSaleWakesThePollWithItsOwnStockWhileAnOlderMessageIsLate() {
        long trainId = createTrainId(3);
        buyTicket(trainId);
        CompletableFuture<Reply> poll = startWaiting(trainId, LONG_WAIT);

        buyTicket(trainId);

        assertRemaining(poll, 1);
    }

    @Test
    void anotherInstanceTellsASaleMadeBeforeItsPollFromOneMadeAfter() {
        long trainId = createTrainId(3);
        try (RunningService other = ServiceUnderTest.startAnother(Map.of(),
                links -> links.redis().delaySubscriptions(MESSAGE_DELAY))) {
            buyTicket(trainId);
            CompletableFuture<Reply> poll = startWaiting(other.baseUri(), updatesPath(trainId, LONG_WAIT), 1).getFirst();

            buyTicket(trainId);

            assertRemaining(poll, 1);
        }
    }

    @Test
    void aPollStillWakesWhenRedisLostTheTrainsKeysWhileItWaited() {
        long trainId = createTrainId(3);
        buyTicket(trainId);
        CompletableFuture<Reply> poll = startWaiting(trainId, LONG_WAIT);

        // As a Redis restarted empty would, without closing the connections: stock and version are derived anew.
        ServiceUnderTest.forgetTrainInRedis(trainId);
        buyTicket(trainId);

        assertRemaining(poll, 1);
    }

    private static void assertRemaining(CompletableFuture<Reply> poll, int remaining) {
        assertThat(Api.await(poll).expectJson(200).path("remaining").asInt())
                .as("the stock after the last sale, not an earlier one").isEqualTo(remaining);
    }
}
