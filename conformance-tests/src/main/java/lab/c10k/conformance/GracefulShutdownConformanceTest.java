package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.Prometheus;
import lab.c10k.conformance.support.Recovery;
import lab.c10k.conformance.support.Reply;
import lab.c10k.conformance.support.Rows;
import lab.c10k.conformance.support.RunningService;
import lab.c10k.conformance.support.ServiceUnderTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Fixtures.jsonPost;
import static lab.c10k.conformance.support.Fixtures.newRequestId;
import static lab.c10k.conformance.support.Fixtures.purchaseBody;
import static lab.c10k.conformance.support.Fixtures.ticketsPath;
import static lab.c10k.conformance.support.LongPolls.startWaiting;
import static lab.c10k.conformance.support.LongPolls.updatesPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Stopping an instance (what SIGTERM's shutdown hook does: close the application) while it serves: waiting long polls
 * answer 204 at once instead of holding the shutdown, a purchase in flight completes or leaves nothing behind, the
 * stop ends within its bound, and the port refuses connections afterwards. A second instance of the service under test,
 * on the same data, is the one stopped.
 */
@ConformanceTest
class GracefulShutdownConformanceTest {

    /** {@code spring.lifecycle.timeout-per-shutdown-phase}, with room for the phases that follow it. */
    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(25);

    @Test
    void closingAnswersWaitingPollsFinishesThePurchaseInFlightAndThenRefusesConnections() throws Exception {
        long trainId = createTrainId(5);
        long quietTrainId = createTrainId(5);
        RunningService second = ServiceUnderTest.startAnother(Map.of(), links -> {
        });
        try {
            List<CompletableFuture<Reply>> polls = startWaiting(second.baseUri(), updatesPath(quietTrainId, 30_000), 3);
            second.links().mysql().slow(Duration.ofMillis(200));
            String requestId = newRequestId();
            CompletableFuture<Reply> purchase = Api.sendAsync(
                    jsonPost(second.baseUri(), ticketsPath(trainId), purchaseBody("Lao Wang", requestId)).build());
            awaitActiveRequests(second, polls.size() + 1);

            CompletableFuture.runAsync(second::close).get(CLOSE_WITHIN.toSeconds(), TimeUnit.SECONDS);

            for (CompletableFuture<Reply> poll : polls) {
                assertThat(poll).as("a waiting poll answered by the time the instance stopped").isDone();
                Api.await(poll).expectStatus(204);
            }
            Reply bought = Api.await(purchase);
            assertThat(bought.status()).as("the purchase in flight: %s", bought).isIn(201, 503);
            assertThat(catchThrowable(() -> new Socket("127.0.0.1", second.baseUri().getPort()).close()))
                    .as("a new connection to the stopped instance").isInstanceOf(ConnectException.class);
            assertNothingLeftBehind(trainId, requestId, bought.status() == 201 ? 1 : 0);
        } finally {
            second.close();
        }
    }

    /** Waits until the instance serves this many requests at once (the scrape that asks not counted). */
    private static void awaitActiveRequests(RunningService instance, int count) {
        Awaitility.await(count + " requests in flight on the second instance").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> activeRequests(Prometheus.scrape(instance.baseUri())) >= count + 1);
    }

    /** Micrometer's long task timer of requests under way: a histogram when the service publishes one, else a gauge. */
    private static double activeRequests(String metrics) {
        return Prometheus.sum(metrics, "http_server_requests_active_seconds_gcount")
                + Prometheus.sum(metrics, "http_server_requests_active_seconds_active_count");
    }

    private static void assertNothingLeftBehind(long trainId, String requestId, int sold) {
        JsonNode audit = Recovery.awaitConsistent(trainId);
        assertThat(audit.path("sold").asInt()).as("audit %s", audit).isEqualTo(sold);
        assertThat(Rows.tickets(trainId, "CONFIRMED")).isEqualTo(sold);
    }
}
