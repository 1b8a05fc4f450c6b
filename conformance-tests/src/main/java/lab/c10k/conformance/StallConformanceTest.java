package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.Bounds;
import lab.c10k.conformance.support.FaultTest;
import lab.c10k.conformance.support.Recovery;
import lab.c10k.conformance.support.Reply;
import lab.c10k.conformance.support.Rows;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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
import static lab.c10k.conformance.support.LongPolls.startWaiting;
import static lab.c10k.conformance.support.LongPolls.updatesPath;
import static lab.c10k.conformance.support.Problems.assertUnavailable;
import static lab.c10k.conformance.support.ServiceUnderTest.mysqlLink;
import static lab.c10k.conformance.support.ServiceUnderTest.redisLink;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that stops answering without closing anything (a frozen process, a dropped route) is the fault a client
 * cannot see: every request that needs it must still answer 503 within about twice its bound instead of hanging, and
 * nothing may stay held once it answers again. The requests of each case are sent at once, so the case lasts one bound.
 */
@FaultTest
class StallConformanceTest {

    @Test
    void mysqlStalledAnswers503WithinTwiceItsBoundAndHoldsNothingAfterwards() {
        Duration within = Bounds.twice(Bounds.MYSQL);
        long trainId = createTrainId(5);
        long ticketId = buyTicket(trainId).path("id").asLong();
        train(trainId);
        long uncached = createTrainId(5);

        mysqlLink().stall();

        var lookup = Api.sendAsyncWithin(within, Api.request(trainPath(uncached)).GET());
        var list = Api.sendAsyncWithin(within, Api.request(TRAINS).GET());
        var create = Api.sendAsyncWithin(within, jsonPost(TRAINS, trainBody(uniqueCode(), 3)));
        var purchase = Api.sendAsyncWithin(within,
                jsonPost(ticketsPath(trainId), purchaseBody("Lao Wang", newRequestId())));
        var cancel = Api.sendAsyncWithin(within, Api.request(ticketPath(ticketId)).DELETE());
        var auditing = Api.sendAsyncWithin(within, Api.request(trainPath(trainId) + "/audit").GET());
        assertThat(Api.sendWithin(within, Api.request(trainPath(trainId)).GET()).expectJson(200)
                .path("remaining").asInt()).as("a cached train, its stock from Redis").isEqualTo(4);
        for (CompletableFuture<Reply> reply : List.of(lookup, list, create, purchase, cancel, auditing)) {
            assertUnavailable(Api.await(reply));
        }

        mysqlLink().pass();

        Recovery.awaitHealthy();
        Recovery.awaitNothingHeld();
        assertThat(Rows.tickets(trainId, "CONFIRMED")).isEqualTo(1);
        assertConsistent(trainId);
    }

    @Test
    void redisStalledAnswers503WithinTwiceItsBoundAndHoldsNothingAfterwards() {
        Duration within = Bounds.twice(Bounds.REDIS);
        long trainId = createTrainId(5);
        long ticketId = buyTicket(trainId).path("id").asLong();
        train(trainId);
        CompletableFuture<Reply> waiting = startWaiting(trainId, 20_000);

        redisLink().stall();

        var purchase = Api.sendAsyncWithin(within,
                jsonPost(ticketsPath(trainId), purchaseBody("Lao Wang", newRequestId())));
        var cancel = Api.sendAsyncWithin(within, Api.request(ticketPath(ticketId)).DELETE());
        var poll = Api.sendAsyncWithin(within, Api.request(updatesPath(trainId, 20_000)).GET());
        var lookup = Api.sendAsyncWithin(within, Api.request(trainPath(trainId)).GET());
        var list = Api.sendAsyncWithin(within, Api.request(TRAINS + "?afterId=" + (trainId - 1)).GET());
        var create = Api.sendAsyncWithin(within, jsonPost(TRAINS, trainBody(uniqueCode(), 3)));
        assertUnavailable(Api.awaitWithin(within, waiting));
        for (CompletableFuture<Reply> reply : List.of(purchase, cancel, poll)) {
            assertUnavailable(Api.await(reply));
        }
        assertThat(Api.await(lookup).expectJson(200).path("remaining").asInt()).isEqualTo(4);
        assertThat(Api.await(list).expectJson(200).path("items").path(0).path("remaining").asInt()).isEqualTo(4);
        Api.await(create).expectStatus(201);

        redisLink().pass();

        Recovery.awaitHealthy();
        Recovery.awaitNothingHeld();
        assertThat(Rows.tickets(trainId, "CONFIRMED")).isEqualTo(1);
        assertConsistent(trainId);
    }

    private static void assertConsistent(long trainId) {
        JsonNode audit = Recovery.awaitConsistent(trainId);
        assertThat(audit.path("sold").asInt()).as("audit %s", audit).isEqualTo(1);
        assertThat(audit.path("consistent").asBoolean()).as("audit %s", audit).isTrue();
    }
}
