package lab.c10k.conformance;

import lab.c10k.conformance.support.ConformanceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static lab.c10k.conformance.support.Fixtures.buy;
import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Fixtures.newRequestId;
import static lab.c10k.conformance.support.Problems.REQUEST_ID_CONFLICT;
import static lab.c10k.conformance.support.Problems.TRAIN_NOT_FOUND;
import static lab.c10k.conformance.support.Problems.assertInvalid;
import static lab.c10k.conformance.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The order of checks of a purchase: body and path (400), train (404), requestId (200 or 409), seat (409). */
@ConformanceTest
class PurchaseOrderConformanceTest {

    private static final long UNKNOWN_TRAIN = 999_999_999_999L;

    @Test
    void invalidBodyOnAnUnknownTrainIsInvalidRequest() {
        assertInvalid(buy(UNKNOWN_TRAIN, "Lao Wang", "not-a-uuid"), "requestId");
    }

    @Test
    void validPurchaseOnAnUnknownTrainIsTrainNotFound() {
        assertProblem(buy(UNKNOWN_TRAIN, "Lao Wang", newRequestId()), 404, TRAIN_NOT_FOUND);
    }

    @Test
    void usedRequestIdOnAnUnknownTrainIsTrainNotFound() {
        String requestId = newRequestId();
        buy(createTrainId(1), "Lao Wang", requestId).expectJson(201);

        assertProblem(buy(UNKNOWN_TRAIN, "Lao Wang", requestId), 404, TRAIN_NOT_FOUND);
    }

    @Test
    void replayOnASoldOutTrainAnswers200NotSoldOut() {
        long trainId = createTrainId(1);
        String requestId = newRequestId();
        JsonNode ticket = buy(trainId, "Lao Wang", requestId).expectJson(201);

        assertThat(buy(trainId, "Lao Wang", requestId).expectJson(200)).isEqualTo(ticket);
    }

    @Test
    void conflictingRequestIdOnASoldOutTrainIsAConflictNotSoldOut() {
        long trainId = createTrainId(1);
        String requestId = newRequestId();
        buy(trainId, "Lao Wang", requestId).expectJson(201);

        assertProblem(buy(trainId, "Xiao Li", requestId), 409, REQUEST_ID_CONFLICT);
    }
}
