package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.Bounds;
import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.LongPolls;
import lab.c10k.conformance.support.Reply;
import lab.c10k.conformance.support.RunningService;
import lab.c10k.conformance.support.ServiceUnderTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Fixtures.jsonPost;
import static lab.c10k.conformance.support.Fixtures.newRequestId;
import static lab.c10k.conformance.support.Fixtures.purchaseBody;
import static lab.c10k.conformance.support.Fixtures.ticketsPath;
import static lab.c10k.conformance.support.Fixtures.trainPath;
import static lab.c10k.conformance.support.Problems.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance that starts while Redis cannot be reached (a deploy during an outage) starts all the same, serves what
 * MySQL alone can serve, and once Redis answers subscribes and serves everything, without a restart.
 */
@ConformanceTest
class StartWithoutRedisConformanceTest {

    @Test
    void startsWhileRedisIsCutAndServesEverythingOnceItIsBack() {
        long trainId = createTrainId(5);
        try (RunningService late = ServiceUnderTest.startAnother(Map.of(), links -> links.redis().cut())) {
            URI base = late.baseUri();
            assertThat(get(base, trainPath(trainId)).expectJson(200).path("remaining").asInt()).isEqualTo(5);
            assertUnavailable(get(base, LongPolls.updatesPath(trainId, 1_000)));

            late.links().redis().pass();

            Awaitility.await("the late instance serves a long poll").atMost(Bounds.RECOVERY)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> get(base, LongPolls.updatesPath(trainId, 0)).status() == 204);
            CompletableFuture<Reply> poll = LongPolls.startWaiting(base, LongPolls.updatesPath(trainId, 20_000), 1)
                    .getFirst();
            Api.send(jsonPost(base, ticketsPath(trainId), purchaseBody("Lao Wang", newRequestId()))).expectStatus(201);
            assertThat(Api.await(poll).expectJson(200).path("remaining").asInt()).isEqualTo(4);
        }
    }

    private static Reply get(URI base, String path) {
        return Api.send(Api.request(base, path).GET());
    }
}
