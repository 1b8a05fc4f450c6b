package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.Bounds;
import lab.c10k.conformance.support.FaultTest;
import lab.c10k.conformance.support.Recovery;
import lab.c10k.conformance.support.Reply;
import lab.c10k.conformance.support.Rows;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static lab.c10k.conformance.support.Fixtures.TRAINS;
import static lab.c10k.conformance.support.Fixtures.buyTicket;
import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Fixtures.jsonPost;
import static lab.c10k.conformance.support.Fixtures.newRequestId;
import static lab.c10k.conformance.support.Fixtures.purchaseBody;
import static lab.c10k.conformance.support.Fixtures.ticketPath;
import static lab.c10k.conformance.support.Fixtures.ticketsPath;
import static lab.c10k.conformance.support.Fixtures.train;
import static lab.c10k.conformance.support.Fixtures.trainBody;
import static lab.c10k.conformance.support.Fixtures.trainPath;
import static lab.c10k.conformance.support.Fixtures.uniqueCode;
import static lab.c10k.conformance.support.Problems.assertUnavailable;
import static lab.c10k.conformance.support.ServiceUnderTest.mysqlLink;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MySQL cut off: a train already in the cache is still served with its live stock from Redis; everything that needs
 * MySQL answers 503 within its bound and changes nothing. Recovery: {@link CutRecoveryConformanceTest}.
 */
@FaultTest
class MysqlCutConformanceTest {

    private static final Duration WITHIN = Bounds.twice(Bounds.MYSQL);

    @Test
    void aCachedTrainIsServedAndEverythingElseAnswers503() {
        long cached = createTrainId(5);
        long ticketId = buyTicket(cached).path("id").asLong();
        train(cached);
        long uncached = createTrainId(5);

        mysqlLink().cut();

        List<CompletableFuture<Reply>> needMysql = List.of(
                Api.sendAsyncWithin(WITHIN, Api.request(trainPath(uncached)).GET()),
                Api.sendAsyncWithin(WITHIN, Api.request(TRAINS).GET()),
                Api.sendAsyncWithin(WITHIN, jsonPost(TRAINS, trainBody(uniqueCode(), 3))),
                Api.sendAsyncWithin(WITHIN, jsonPost(ticketsPath(cached), purchaseBody("Lao Wang", newRequestId()))),
                Api.sendAsyncWithin(WITHIN, Api.request(ticketPath(ticketId)).DELETE()),
                Api.sendAsyncWithin(WITHIN, Api.request(trainPath(cached) + "/audit").GET()));
        assertThat(Api.get(trainPath(cached)).expectJson(200).path("remaining").asInt()).isEqualTo(4);
        needMysql.forEach(reply -> assertUnavailable(Api.await(reply)));
        assertThat(Rows.sold(cached)).isEqualTo(1);
        assertThat(Rows.tickets(cached, "CONFIRMED")).isEqualTo(1);

        Recovery.restore();
        assertThat(Recovery.awaitConsistent(cached).path("stock").asInt()).isEqualTo(4);
        Recovery.awaitConsistent(uncached);
    }
}
