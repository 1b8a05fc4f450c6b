package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.Problems;
import lab.c10k.conformance.support.Prometheus;
import lab.c10k.conformance.support.Recovery;
import lab.c10k.conformance.support.Reply;
import lab.c10k.conformance.support.Rows;
import lab.c10k.conformance.support.RunningService;
import lab.c10k.conformance.support.ServiceUnderTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Fixtures.jsonPost;
import static lab.c10k.conformance.support.Fixtures.newRequestId;
import static lab.c10k.conformance.support.Fixtures.purchaseBody;
import static lab.c10k.conformance.support.Fixtures.ticketsPath;
import static lab.c10k.conformance.support.LongPolls.startWaiting;
import static lab.c10k.conformance.support.LongPolls.updatesPath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Past its capacity a service refuses what it cannot serve, at once, with {@code 503 unavailable} and
 * {@code Retry-After}, instead of queueing it (docs/reliability.md, "Overload"). A second instance, on the same data,
 * may serve {@value #BOUND} API requests at once ({@code c10k.admission.max-in-flight}) while MySQL answers slowly, and
 * gets {@value #BUYERS} purchases at once: every answer is a sale or a refusal, a refusal changes nothing, long polls
 * waiting beside them are not refused (they wait without work), and once the crowd is gone the instance sells again.
 */
@ConformanceTest
class OverloadConformanceTest {

    private static final String REFUSED = "c10k_admission_refused_total";

    private static final int BOUND = 4;

    private static final int BUYERS = 24;

    /** Each MySQL round trip of the second instance's purchases takes this long, so that the admitted ones last. */
    private static final Duration SLOW_MYSQL = Duration.ofMillis(200);

    @Test
    void pastItsBoundTheServiceRefusesAtOnceChangesNothingAndSellsAgainAfterwards() {
        long trainId = createTrainId(BUYERS + 1);
        long quietTrainId = createTrainId(1);
        RunningService second = ServiceUnderTest.startAnother(
                Map.of("c10k.admission.max-in-flight", String.valueOf(BOUND)), links -> {
                });
        try {
            List<CompletableFuture<Reply>> polls =
                    startWaiting(second.baseUri(), updatesPath(quietTrainId, 30_000), 2 * BOUND);
            second.links().mysql().slow(SLOW_MYSQL);
            List<Reply> replies = Api.concurrently(BUYERS, i -> jsonPost(second.baseUri(), ticketsPath(trainId),
                    purchaseBody("Buyer " + i, newRequestId())).build());
            second.links().mysql().pass();

            Map<Integer, Long> statuses = Api.countByStatus(replies);
            assertThat(statuses.keySet()).as("answers by status: %s", statuses).containsOnly(201, 503);
            replies.stream().filter(reply -> reply.status() == 503).forEach(Problems::assertUnavailable);
            assertThat(Prometheus.sum(second.baseUri(), REFUSED))
                    .as("%s: purchases refused past the bound, answers: %s", REFUSED, statuses).isPositive();
            assertThat(polls).as("long polls waiting beside the crowd").noneMatch(CompletableFuture::isDone);

            Reply after = Api.send(jsonPost(second.baseUri(), ticketsPath(trainId),
                    purchaseBody("After the crowd", newRequestId())));
            assertThat(after.status()).as("a purchase once the crowd is gone: %s", after).isEqualTo(201);
            long sold = statuses.getOrDefault(201, 0L) + 1;
            JsonNode audit = Recovery.awaitConsistent(trainId);
            assertThat(audit.path("sold").asLong()).as("audit %s", audit).isEqualTo(sold);
            assertThat(Rows.tickets(trainId, "CONFIRMED")).isEqualTo(sold);
        } finally {
            second.close();
        }
    }
}
