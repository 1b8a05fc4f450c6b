package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.ConformanceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static lab.c10k.conformance.support.Fixtures.buyTicket;
import static lab.c10k.conformance.support.Fixtures.createTrain;
import static lab.c10k.conformance.support.Fixtures.remaining;
import static lab.c10k.conformance.support.Fixtures.ticketPath;
import static lab.c10k.conformance.support.Fixtures.train;
import static lab.c10k.conformance.support.Fixtures.trainPath;
import static lab.c10k.conformance.support.Problems.TRAIN_NOT_FOUND;
import static lab.c10k.conformance.support.Problems.assertProblem;
import static lab.c10k.conformance.support.Shapes.assertTrain;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/trains/{id}}: the stored train, whose {@code remaining} is live even though reads are cached. */
@ConformanceTest
class TrainLookupConformanceTest {

    @Test
    void getAnswersTheTrainAsCreated() {
        JsonNode created = createTrain(7);

        JsonNode found = train(created.path("id").asLong());

        assertTrain(found);
        assertThat(found).isEqualTo(created);
    }

    @Test
    void remainingFollowsSalesAndCancelsThroughTheCache() {
        long trainId = createTrain(3).path("id").asLong();
        assertThat(remaining(trainId)).as("before any sale (and now cached)").isEqualTo(3);

        JsonNode ticket = buyTicket(trainId);
        assertThat(remaining(trainId)).as("after a sale").isEqualTo(2);

        Api.delete(ticketPath(ticket.path("id").asLong())).expectStatus(204);
        assertThat(remaining(trainId)).as("after a cancel").isEqualTo(3);
    }

    @ParameterizedTest(name = "train {0}")
    @ValueSource(longs = {999_999_999_999L, Long.MAX_VALUE})
    void unknownTrainIsTrainNotFound(long trainId) {
        assertProblem(Api.get(trainPath(trainId)), 404, TRAIN_NOT_FOUND);
    }
}
