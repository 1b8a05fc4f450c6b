package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.Reply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static lab.c10k.conformance.support.Fixtures.buyTicket;
import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.LongPolls.startWaiting;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long polls in numbers: a waiting request holds no MySQL connection, so more waiters than a service's connection
 * pool holds must not keep a purchase from succeeding, and one sale must answer all of them.
 */
@ConformanceTest
class WaitingPollsConformanceTest {

    private static final int WAITERS = 50;

    @Test
    void moreWaitingPollsThanPooledConnectionsStillLeaveRoomForASale() {
        long trainId = createTrainId(4);
        List<CompletableFuture<Reply>> polls = startWaiting(trainId, 30_000, WAITERS);

        buyTicket(trainId);

        for (CompletableFuture<Reply> poll : polls) {
            JsonNode update = Api.await(poll).expectJson(200);
            assertThat(update.path("trainId").asLong()).isEqualTo(trainId);
            assertThat(update.path("remaining").asInt()).isEqualTo(3);
        }
    }
}
