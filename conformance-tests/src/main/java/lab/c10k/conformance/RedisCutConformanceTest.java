package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.FaultTest;
import lab.c10k.conformance.support.Recovery;
import lab.c10k.conformance.support.Reply;
import lab.c10k.conformance.support.Rows;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static lab.c10k.conformance.support.Fixtures.TRAINS;
import static lab.c10k.conformance.support.Fixtures.buy;
import static lab.c10k.conformance.support.Fixtures.buyTicket;
import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Fixtures.newRequestId;
import static lab.c10k.conformance.support.Fixtures.postTrain;
import static lab.c10k.conformance.support.Fixtures.ticketPath;
import static lab.c10k.conformance.support.Fixtures.train;
import static lab.c10k.conformance.support.Fixtures.trainBody;
import static lab.c10k.conformance.support.Fixtures.trainPath;
import static lab.c10k.conformance.support.Fixtures.uniqueCode;
import static lab.c10k.conformance.support.LongPolls.startWaiting;
import static lab.c10k.conformance.support.LongPolls.updatesPath;
import static lab.c10k.conformance.support.Problems.assertUnavailable;
import static lab.c10k.conformance.support.ServiceUnderTest.redisLink;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis cut off (every connection reset, new ones refused): what reads from MySQL goes on, what needs the seat stock
 * or the update channel answers 503 at once and changes nothing. Recovery: {@link CutRecoveryConformanceTest}.
 */
@FaultTest
class RedisCutConformanceTest {

    @Test
    void trainsAreStillReadListedAndCreatedFromMysql() {
        long cached = createTrainId(5);
        train(cached);
        long uncached = createTrainId(7);

        redisLink().cut();

        assertThat(Api.get(trainPath(cached)).expectJson(200).path("remaining").asInt()).isEqualTo(5);
        assertThat(Api.get(trainPath(uncached)).expectJson(200).path("remaining").asInt()).isEqualTo(7);
        assertThat(Api.get(TRAINS + "?limit=1&afterId=" + (uncached - 1)).expectJson(200).path("items")).hasSize(1);
        long created = postTrain(trainBody(uniqueCode(), 3)).expectJson(201).path("id").asLong();

        Recovery.restore();
        assertThat(Recovery.awaitConsistent(created).path("stock").asInt()).isEqualTo(3);
        List.of(cached, uncached).forEach(Recovery::awaitConsistent);
    }

    @Test
    void purchasesCancelsAndLongPollsAnswer503AndChangeNothing() {
        long trainId = createTrainId(5);
        long ticketId = buyTicket(trainId).path("id").asLong();
        CompletableFuture<Reply> waiting = startWaiting(trainId, 20_000);

        redisLink().cut();

        assertUnavailable(Api.await(waiting));
        assertUnavailable(buy(trainId, "Lao Wang", newRequestId()));
        assertUnavailable(Api.delete(ticketPath(ticketId)));
        assertUnavailable(Api.get(updatesPath(trainId, 5_000)));
        assertThat(Rows.sold(trainId)).isEqualTo(1);
        assertThat(Rows.tickets(trainId, "CONFIRMED")).isEqualTo(1);
        assertThat(Rows.tickets(trainId, "CANCELLED")).isZero();

        Recovery.restore();
        assertThat(Recovery.awaitConsistent(trainId).path("stock").asInt()).isEqualTo(4);
    }
}
