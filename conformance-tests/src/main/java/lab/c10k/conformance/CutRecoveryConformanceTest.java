package lab.c10k.conformance;

import lab.c10k.conformance.support.Bounds;
import lab.c10k.conformance.support.FaultProxy;
import lab.c10k.conformance.support.FaultTest;
import lab.c10k.conformance.support.Recovery;
import lab.c10k.conformance.support.ServiceUnderTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static lab.c10k.conformance.support.Fixtures.buy;
import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Fixtures.newRequestId;
import static lab.c10k.conformance.support.Problems.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;

/** Once a cut server answers again, the service serves again by itself: no restart, within a bounded wait. */
@FaultTest
class CutRecoveryConformanceTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MySQL", "Redis"})
    void purchasesSucceedAgainWithoutRestartOnceTheServerIsBack(String server) {
        FaultProxy link = server.equals("MySQL") ? ServiceUnderTest.mysqlLink() : ServiceUnderTest.redisLink();
        long trainId = createTrainId(5);
        String requestId = newRequestId();
        link.cut();
        assertUnavailable(buy(trainId, "Lao Wang", requestId));

        link.pass();

        Awaitility.await("a purchase succeeds again").atMost(Bounds.RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> buy(trainId, "Lao Wang", requestId).status() == 201);
        assertThat(Recovery.awaitConsistent(trainId).path("sold").asInt()).isEqualTo(1);
    }
}
