package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.Attempt;
import lab.c10k.conformance.support.Bounds;
import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.Haproxy;
import lab.c10k.conformance.support.InstanceProcess;
import lab.c10k.conformance.support.Prometheus;
import lab.c10k.conformance.support.PurchaseLoad;
import lab.c10k.conformance.support.Recovery;
import lab.c10k.conformance.support.Reply;
import lab.c10k.conformance.support.Rows;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Fixtures.jsonPost;
import static lab.c10k.conformance.support.Fixtures.newRequestId;
import static lab.c10k.conformance.support.Fixtures.purchaseBody;
import static lab.c10k.conformance.support.Fixtures.remaining;
import static lab.c10k.conformance.support.Fixtures.ticketPath;
import static lab.c10k.conformance.support.Fixtures.ticketsPath;
import static lab.c10k.conformance.support.LongPolls.startWaiting;
import static lab.c10k.conformance.support.LongPolls.updatesPath;
import static lab.c10k.conformance.support.Problems.SOLD_OUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scaling out (docs/scaling.md): two instances of the service under test, each its own process on the run's database
 * and Redis key prefix, behind Debian's HAProxy with the compose profile's balancing rules ({@link Haproxy}). A sale on
 * one instance wakes a long poll waiting on the other; a race spread over both sells exactly the seats there are; and
 * an instance killed with SIGKILL mid-load loses no sale a client was told about, once clients retry by requestId.
 * The suite's own in-JVM instance, on the same data, is a third one: the audits are read through it.
 */
@ConformanceTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadBalancedInstancesConformanceTest {

    private static final String PURCHASE_URI = "/api/trains/{trainId}/tickets";

    private static InstanceProcess first;
    private static InstanceProcess second;
    private static Haproxy haproxy;

    @BeforeAll
    static void startTwoInstancesBehindHaproxy() {
        first = InstanceProcess.start("instance-a");
        second = InstanceProcess.start("instance-b");
        first.awaitReady();
        second.awaitReady();
        haproxy = Haproxy.start(List.of(first, second)).awaitAllUp();
    }

    @AfterAll
    static void stopAll() {
        try (InstanceProcess a = first; InstanceProcess b = second; Haproxy lb = haproxy) {
            // Closed in reverse order: HAProxy first, then both instances.
        }
    }

    @Test
    @Order(1)
    void aSaleOnOneInstanceWakesTheLongPollsWaitingOnTheOther() {
        long trainId = createTrainId(5);

        CompletableFuture<Reply> onSecond = startWaiting(second.baseUri(), updatesPath(trainId, 30_000), 1).getFirst();
        Api.send(jsonPost(first.baseUri(), ticketsPath(trainId), purchaseBody("Lao Wang", newRequestId())))
                .expectStatus(201);
        assertWokenWith(onSecond, trainId, 4);

        CompletableFuture<Reply> onFirst = startWaiting(first.baseUri(), updatesPath(trainId, 30_000), 1).getFirst();
        Api.send(jsonPost(second.baseUri(), ticketsPath(trainId), purchaseBody("Lao Li", newRequestId())))
                .expectStatus(201);
        assertWokenWith(onFirst, trainId, 3);
    }

    @Test
    @Order(2)
    void twoHundredBuyersSpreadOverBothInstancesGetExactlyTheFiftySeats() {
        long trainId = createTrainId(50);
        double[] servedBefore = {purchasesServed(first.baseUri()), purchasesServed(second.baseUri())};

        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            requestIds.add(newRequestId());
        }
        List<Reply> replies = Api.concurrently(200, i -> jsonPost(haproxy.baseUri(), ticketsPath(trainId),
                purchaseBody("Buyer " + i, requestIds.get(i))).build());
        // A 503 (an instance refusing past its capacity) is ambiguous: its client retries by requestId, as any would.
        List<Attempt> settled = Attempt.settleAll(IntStream.range(0, replies.size())
                .mapToObj(i -> new Attempt(haproxy.baseUri(), trainId, "Buyer " + i, requestIds.get(i),
                        replies.get(i), null))
                .toList());

        assertThat(settled.stream().filter(Attempt::bought).count()).as("seats bought").isEqualTo(50);
        assertThat(settled.stream().filter(attempt -> !attempt.bought()))
                .allSatisfy(attempt -> assertThat(attempt.reply().json().path("type").asString())
                        .as(attempt.describe()).isEqualTo(SOLD_OUT));
        assertThat(purchasesServed(first.baseUri())).as("purchases served by %s", first).isGreaterThan(servedBefore[0]);
        assertThat(purchasesServed(second.baseUri())).as("purchases served by %s", second)
                .isGreaterThan(servedBefore[1]);
        assertThat(remaining(trainId)).isZero();
        Recovery.assertAccountedFor(trainId, 50, settled);
    }

    @Test
    @Order(3)
    void anInstanceKilledMidLoadLosesNoSaleAClientWasToldAbout() throws InterruptedException {
        List<Long> trainIds = List.of(createTrainId(300), createTrainId(300), createTrainId(300));
        PurchaseLoad load = PurchaseLoad.start(haproxy.baseUri(), trainIds, 12,
                Bounds.twice(Bounds.MYSQL).plusSeconds(2));
        List<Attempt> attempts;
        try {
            awaitSoldAtLeast(trainIds, 30);
            assertThat(purchasesServed(first.baseUri())).as("purchases %s served before it is killed", first)
                    .isPositive();
            first.kill();
            long soldAtKill = sold(trainIds);
            // The load goes on through HAProxy, now on the survivor alone.
            awaitSoldAtLeast(trainIds, soldAtKill + 30);
        } finally {
            attempts = load.stop();
        }

        // A purchase the killed instance was serving keeps its requestId for the in-flight lease: its retries answer
        // 503 until the lease runs out, then decide (200 if its commit had landed, else a sale now).
        List<Attempt> settled = Attempt.settleAll(attempts, Bounds.IN_FLIGHT_LEASE.plus(Bounds.RECOVERY));
        for (long trainId : trainIds) {
            Recovery.assertAccountedFor(trainId, 300,
                    settled.stream().filter(attempt -> attempt.trainId() == trainId).toList());
        }
        assertEveryTicketToldIsConfirmed(settled);
    }

    /**
     * Each ticket a client was given (201, or 200 for a retry whose first attempt had bought it) is in MySQL, read
     * back by its id; fifty at a time, a client's pace rather than a crowd the instance may refuse.
     */
    private static void assertEveryTicketToldIsConfirmed(List<Attempt> settled) {
        List<Attempt> bought = settled.stream().filter(Attempt::bought).toList();
        for (int from = 0; from < bought.size(); from += 50) {
            List<Attempt> batch = bought.subList(from, Math.min(bought.size(), from + 50));
            List<Reply> tickets = Api.concurrently(batch.size(),
                    i -> Api.request(ticketPath(batch.get(i).reply().json().path("id").asLong())).GET().build());
            for (int i = 0; i < batch.size(); i++) {
                JsonNode ticket = tickets.get(i).expectJson(200);
                assertThat(ticket.path("requestId").asString()).as("ticket of %s", batch.get(i).describe())
                        .isEqualTo(batch.get(i).requestId());
                assertThat(ticket.path("status").asString()).isEqualTo("CONFIRMED");
            }
        }
    }

    private static void assertWokenWith(CompletableFuture<Reply> poll, long trainId, int remaining) {
        JsonNode update = Api.await(poll).expectJson(200);
        assertThat(update.path("trainId").asLong()).isEqualTo(trainId);
        assertThat(update.path("remaining").asInt()).isEqualTo(remaining);
    }

    /** Purchases an instance has answered, whatever the outcome: Micrometer's timer of its HTTP server. */
    private static double purchasesServed(URI instance) {
        return Prometheus.series(Prometheus.scrape(instance), "http_server_requests_seconds_count").stream()
                .filter(line -> line.contains("method=\"POST\"") && line.contains("uri=\"" + PURCHASE_URI + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf('}') + 1).trim().split(" ")[0]))
                .sum();
    }

    private static long sold(List<Long> trainIds) {
        return trainIds.stream().mapToLong(Rows::sold).sum();
    }

    /** Waits for the load to make progress, read from MySQL; a load that sells nothing fails the test. */
    private static void awaitSoldAtLeast(List<Long> trainIds, long seats) {
        Awaitility.await(seats + " seats sold under load").atMost(Bounds.RECOVERY)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> sold(trainIds) >= seats);
    }
}
