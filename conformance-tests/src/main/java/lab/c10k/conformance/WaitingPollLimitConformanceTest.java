package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.Problems;
import lab.c10k.conformance.support.Prometheus;
import lab.c10k.conformance.support.Reply;
import lab.c10k.conformance.support.RunningService;
import lab.c10k.conformance.support.ServiceUnderTest;
import org.junit.jupiter.api.Test;

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
 * A crowd of long polls larger than a service can hold is refused past its bound, at once, with {@code 503
 * unavailable} and {@code Retry-After}, instead of starving the service (threads on blocking, heap on virtual
 * threads: docs/reliability.md, "Overload"). A second instance, on the same data, holds {@value #BOUND} polls at once
 * ({@code c10k.admission.max-waiting-polls}): the next poll is refused while those still wait, a purchase is still
 * served and wakes every held poll, and once they are answered the instance holds polls again.
 */
@ConformanceTest
class WaitingPollLimitConformanceTest {

    private static final String REFUSED = "c10k_admission_refused_total";

    private static final String LIMIT = "c10k_longpoll_limit";

    private static final int BOUND = 3;

    @Test
    void pastItsBoundAPollIsRefusedAtOnceAndAPurchaseStillWakesTheHeldOnes() {
        long trainId = createTrainId(5);
        RunningService second = ServiceUnderTest.startAnother(
                Map.of("c10k.admission.max-waiting-polls", String.valueOf(BOUND)), links -> {
                });
        try {
            String path = updatesPath(trainId, 30_000);
            List<CompletableFuture<Reply>> held = startWaiting(second.baseUri(), path, BOUND);

            Reply refused = Api.send(Api.request(second.baseUri(), path).GET());
            Problems.assertUnavailable(refused);
            assertThat(refused.json().path("detail").asString()).as("detail of %s", refused)
                    .contains("limit of " + BOUND + " waiting long polls");
            assertThat(held).as("polls held while one past the bound was refused").noneMatch(CompletableFuture::isDone);
            assertThat(Prometheus.sum(second.baseUri(), REFUSED)).as(REFUSED).isPositive();
            assertThat(Prometheus.sum(second.baseUri(), LIMIT)).as(LIMIT).isEqualTo(BOUND);

            Reply sale = Api.send(jsonPost(second.baseUri(), ticketsPath(trainId),
                    purchaseBody("Beside the crowd", newRequestId())));
            assertThat(sale.status()).as("a purchase while the bound is full: %s", sale).isEqualTo(201);
            held.forEach(poll -> Api.await(poll).expectStatus(200));

            List<CompletableFuture<Reply>> again = startWaiting(second.baseUri(), path, BOUND);
            Reply secondSale = Api.send(jsonPost(second.baseUri(), ticketsPath(trainId),
                    purchaseBody("After the crowd", newRequestId())));
            assertThat(secondSale.status()).as("the second purchase: %s", secondSale).isEqualTo(201);
            again.forEach(poll -> Api.await(poll).expectStatus(200));
        } finally {
            second.close();
        }
    }
}
