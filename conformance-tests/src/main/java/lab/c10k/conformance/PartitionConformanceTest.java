package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.Attempt;
import lab.c10k.conformance.support.Bounds;
import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.LongPolls;
import lab.c10k.conformance.support.NetworkRoute;
import lab.c10k.conformance.support.Problems;
import lab.c10k.conformance.support.Prometheus;
import lab.c10k.conformance.support.PurchaseLoad;
import lab.c10k.conformance.support.Recovery;
import lab.c10k.conformance.support.Reply;
import lab.c10k.conformance.support.RunningService;
import lab.c10k.conformance.support.ServiceUnderTest;
import lab.c10k.conformance.support.TestServers;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static lab.c10k.conformance.support.Fixtures.jsonPost;
import static lab.c10k.conformance.support.Fixtures.newRequestId;
import static lab.c10k.conformance.support.Fixtures.purchaseBody;
import static lab.c10k.conformance.support.Fixtures.ticketsPath;
import static lab.c10k.conformance.support.Fixtures.trainBody;
import static lab.c10k.conformance.support.Fixtures.uniqueCode;
import static lab.c10k.conformance.support.LongPolls.updatesPath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A network partition that drops packets (docs/reliability.md, "MySQL partitioned", "Redis partitioned"): nothing is
 * reset or closed and nothing is acknowledged, so only the service's own timeouts can end what it sent. A second
 * instance of the service under test, on the same data, reaches MySQL and Redis across a network namespace each
 * ({@link NetworkRoute}); buyers purchase from it while one route drops everything for longer than its bound. Every
 * purchase must answer in time (201, 409 sold-out or 503 unavailable); once they have, nothing may stay held although
 * the partition goes on; once the route is back the instance sells and wakes long polls again by itself, and every
 * seat is accounted for.
 */
@ConformanceTest
class PartitionConformanceTest {

    private static final int TRAINS = 4;
    private static final int SEATS = 2_000;
    private static final int BUYERS = 24;

    private static final String IN_FLIGHT = "c10k_http_requests_in_flight";

    private static NetworkRoute mysql;
    private static NetworkRoute redis;
    private static RunningService routed;

    @BeforeAll
    static void startAnInstanceBehindNetworkRoutes() {
        TestServers.Both servers = ServiceUnderTest.servers();
        mysql = NetworkRoute.open("mysql", servers.mysql().host(), servers.mysql().port());
        redis = NetworkRoute.open("redis", servers.redis().host(), servers.redis().port());
        TestServers.Mysql viaMysql = servers.mysql().via(mysql);
        TestServers.Redis viaRedis = servers.redis().via(redis);
        String jdbcUrl = viaMysql.jdbcUrl(ServiceUnderTest.database());
        routed = ServiceUnderTest.startAnother(Map.of(
                "spring.datasource.url", jdbcUrl,
                "spring.flyway.url", jdbcUrl,
                "spring.r2dbc.url", viaMysql.r2dbcUrl(ServiceUnderTest.database()),
                "spring.data.redis.host", viaRedis.host(),
                "spring.data.redis.port", String.valueOf(viaRedis.port())), links -> {
        });
    }

    /** Whatever a test left, the next one starts on sound routes and a healthy instance. */
    @AfterEach
    void healBothRoutes() {
        mysql.answerAgain();
        mysql.heal();
        redis.heal();
        Awaitility.await("the routed instance healthy again").atMost(Bounds.RECOVERY)
                .pollInterval(Duration.ofMillis(200)).ignoreException(UncheckedIOException.class)
                .until(() -> Api.send(Api.request(routed.baseUri(), "/actuator/health").GET()).status() == 200);
    }

    @AfterAll
    static void stop() {
        try {
            if (routed != null) {
                routed.close();
            }
        } finally {
            closeRoutes();
        }
    }

    private static void closeRoutes() {
        try {
            if (mysql != null) {
                mysql.close();
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Test
    void mysqlPartitionedMidPurchaseAnswers503InTimeHoldsNothingAndSellsOnceTheRouteIsBack() throws Exception {
        Reply woken = partitionMysqlUnderLoad(Duration.ZERO);
        assertThat(woken.status()).as("the poll that waited through the partition: %s", woken).isEqualTo(200);
    }

    /**
     * The partition starts while MySQL holds its answers: each request in flight has been acknowledged, so a kernel
     * that ends a connection only when what it sent stays unacknowledged (TCP_USER_TIMEOUT) never ends these, and a
     * commit, which nothing cancels, would wait for its answer for as long as the partition lasts. Only a bound on the
     * wait for an answer (a socket timeout, or keepalive probes that go unanswered) ends them.
     */
    @Test
    void mysqlPartitionedWithItsAnswersInFlightHoldsNothingPastItsBound() throws Exception {
        partitionMysqlUnderLoad(Duration.ofSeconds(1));
    }

    /**
     * Buyers purchase while MySQL is partitioned for longer than its bound, its answers first held for
     * {@code answersHeld} if that is not zero; then the checks of the class. Returns the answer of the long poll that
     * waited through it all.
     */
    private static Reply partitionMysqlUnderLoad(Duration answersHeld) throws Exception {
        Duration within = Bounds.twice(Bounds.MYSQL);
        Scene scene = Scene.start(within);
        try {
            if (!answersHeld.isZero()) {
                mysql.holdAnswers();
                Thread.sleep(answersHeld.toMillis());
            }
            mysql.partition();
            mysql.answerAgain();
            Thread.sleep(Bounds.MYSQL.plusSeconds(2).toMillis());
            scene.stopBuying();
            assertNothingHeldWhilePartitioned(within, 1);
            assertThat(scene.waiting).as("a long poll needs no MySQL: it still waits").isNotDone();
        } finally {
            mysql.answerAgain();
            mysql.heal();
            scene.stopBuying();
        }
        Reply woken = scene.sellsAgain();
        scene.assertRecovered();
        return woken;
    }

    @Test
    void redisPartitionedMidPurchaseAnswers503InTimeHoldsNothingAndSellsOnceTheRouteIsBack() throws Exception {
        Duration within = Bounds.twice(Bounds.REDIS);
        Scene scene = Scene.start(within);
        try {
            redis.partition();
            Problems.assertUnavailable(Api.awaitWithin(within, scene.waiting));
            Problems.assertUnavailable(Api.sendWithin(within,
                    Api.request(routed.baseUri(), updatesPath(scene.quietTrainId, 20_000)).GET()));
            Thread.sleep(Bounds.REDIS.toMillis());
            scene.stopBuying();
            assertNothingHeldWhilePartitioned(within, 0);
        } finally {
            redis.heal();
            scene.stopBuying();
        }
        scene.sellsAgain();
        scene.assertRecovered();
    }

    /**
     * Once every purchase has answered, the instance holds no database connection and serves no request but the
     * {@code waiting} long polls and the scrape that asks, although the partition goes on: nothing waits on a silent
     * peer past its bound.
     */
    private static void assertNothingHeldWhilePartitioned(Duration within, int waiting) {
        Awaitility.await("nothing held while the partition lasts").atMost(within)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    String metrics = Prometheus.scrape(routed.baseUri());
                    for (String gauge : Recovery.CONNECTIONS_IN_USE) {
                        assertThat(Prometheus.sum(metrics, gauge)).as(gauge).isZero();
                    }
                    assertThat(Prometheus.sum(metrics, LongPolls.WAITING_GAUGE)).as(LongPolls.WAITING_GAUGE)
                            .isEqualTo(waiting);
                    assertThat(Prometheus.sum(metrics, IN_FLIGHT)).as("%s: %d waiting long poll(s) and the scrape",
                            IN_FLIGHT, waiting).isEqualTo(waiting + 1);
                });
    }

    /** The trains bought from, a quiet train a long poll waits on, and the buyers. */
    private static final class Scene {

        private final List<Long> trainIds;
        private final long quietTrainId;
        private final CompletableFuture<Reply> waiting;
        private final PurchaseLoad load;
        private List<Attempt> attempts;
        private int quietSold;

        private Scene(List<Long> trainIds, long quietTrainId, CompletableFuture<Reply> waiting, PurchaseLoad load) {
            this.trainIds = trainIds;
            this.quietTrainId = quietTrainId;
            this.waiting = waiting;
            this.load = load;
        }

        /** Buyers purchasing for a moment on a sound route, each purchase to be answered {@code within}. */
        static Scene start(Duration within) throws InterruptedException {
            List<Long> trainIds = IntStream.range(0, TRAINS).mapToObj(i -> createTrain(SEATS)).toList();
            long quietTrainId = createTrain(50);
            CompletableFuture<Reply> waiting = LongPolls.startWaiting(routed.baseUri(),
                    updatesPath(quietTrainId, 30_000), 1).getFirst();
            Scene scene = new Scene(trainIds, quietTrainId, waiting,
                    PurchaseLoad.start(routed.baseUri(), trainIds, BUYERS, within));
            Thread.sleep(1_000);
            return scene;
        }

        /** Stops the buyers once; fails if any purchase went unanswered within its bound. */
        void stopBuying() throws InterruptedException {
            if (attempts == null) {
                attempts = load.stop();
            }
        }

        /**
         * Without a restart: a purchase sells, then a long poll is woken by a sale. A subscription whose connection
         * the partition left in TCP's retransmission back-off may hear nothing for a while after the route is back:
         * the service must notice it, answer its waiting polls 503 and subscribe again, so polls are retried here, as
         * a client would, until one is woken, within {@link Bounds#RECOVERY}. Returns the answer of the poll that
         * waited before the partition.
         */
        Reply sellsAgain() {
            String requestId = newRequestId();
            Awaitility.await("a purchase sells again once the route is back").atMost(Bounds.RECOVERY)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> List.of(200, 201).contains(buy(quietTrainId, requestId).status()));
            quietSold++;
            Reply first = Api.await(waiting);
            long deadline = System.nanoTime() + Bounds.RECOVERY.toNanos();
            List<String> missed = new ArrayList<>();
            while (true) {
                CompletableFuture<Reply> poll = Api.sendAsync(
                        Api.request(routed.baseUri(), updatesPath(quietTrainId, 20_000)).GET().build());
                Awaitility.await("a long poll waiting or answered").atMost(Bounds.RECOVERY)
                        .pollInterval(Duration.ofMillis(25))
                        .until(() -> poll.isDone() || Prometheus.sum(routed.baseUri(), LongPolls.WAITING_GAUGE) > 0);
                if (!poll.isDone()) {
                    Reply sale = buy(quietTrainId, newRequestId());
                    quietSold += sale.status() == 201 ? 1 : 0;
                    missed.add("sale " + sale.status());
                }
                Reply answer = Api.await(poll);
                if (answer.status() == 200) {
                    return first;
                }
                missed.add("poll " + answer);
                assertThat(System.nanoTime()).as("a long poll woken by a sale within %s once the route is back; "
                        + "instead: %s", Bounds.RECOVERY, missed).isLessThan(deadline);
            }
        }

        /** Every purchase answered in time as the contract allows, and every seat accounted for once settled. */
        void assertRecovered() {
            Map<Integer, Long> statuses = Api.countByStatus(
                    attempts.stream().map(Attempt::reply).filter(Objects::nonNull).toList());
            assertThat(attempts.stream().map(Attempt::failure).filter(Objects::nonNull))
                    .as("purchases left without an answer").isEmpty();
            assertThat(statuses.keySet()).as("answers by status: %s", statuses)
                    .contains(201, 503).isSubsetOf(201, 409, 503);
            attempts.stream().filter(a -> a.reply().status() == 503)
                    .forEach(a -> Problems.assertUnavailable(a.reply()));
            attempts.stream().filter(a -> a.reply().status() == 409)
                    .forEach(a -> Problems.assertProblem(a.reply(), 409, Problems.SOLD_OUT));
            List<Attempt> settled = Attempt.settleAll(attempts);
            for (long trainId : trainIds) {
                Recovery.assertAccountedFor(trainId, SEATS,
                        settled.stream().filter(a -> a.trainId() == trainId).toList());
            }
            JsonNode quiet = Recovery.awaitConsistent(quietTrainId);
            assertThat(quiet.path("sold").asInt()).as("the quiet train, audit %s", quiet).isEqualTo(quietSold);
            Recovery.awaitNothingHeld(routed.baseUri());
        }
    }

    private static long createTrain(int capacity) {
        return Api.send(jsonPost(routed.baseUri(), "/api/trains", trainBody(uniqueCode(), capacity)))
                .expectJson(201).path("id").asLong();
    }

    private static Reply buy(long trainId, String requestId) {
        URI base = routed.baseUri();
        return Api.send(jsonPost(base, ticketsPath(trainId), purchaseBody("Lao Wang", requestId)));
    }
}
