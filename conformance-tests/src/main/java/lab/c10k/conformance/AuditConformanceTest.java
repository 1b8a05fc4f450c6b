package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.ConformanceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static lab.c10k.conformance.support.Fixtures.audit;
import static lab.c10k.conformance.support.Fixtures.buy;
import static lab.c10k.conformance.support.Fixtures.buyTicket;
import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Fixtures.newRequestId;
import static lab.c10k.conformance.support.Fixtures.remaining;
import static lab.c10k.conformance.support.Fixtures.ticketPath;
import static lab.c10k.conformance.support.Fixtures.trainPath;
import static lab.c10k.conformance.support.Problems.TRAIN_NOT_FOUND;
import static lab.c10k.conformance.support.Problems.assertProblem;
import static lab.c10k.conformance.support.Shapes.assertFields;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/trains/{id}/audit}: MySQL's counters and Redis' stock, reconciled. */
@ConformanceTest
class AuditConformanceTest {

    @Test
    void newTrainHasFullStockAndNothingSold() {
        long trainId = createTrainId(500);

        assertAudit(audit(trainId), trainId, 500, 0, 0, 500);
    }

    @Test
    void salesAndCancelsAreCountedAndConsistent() {
        long trainId = createTrainId(10);
        buyTicket(trainId);
        buyTicket(trainId);
        JsonNode cancelled = buyTicket(trainId);
        Api.delete(ticketPath(cancelled.path("id").asLong())).expectStatus(204);

        JsonNode audit = audit(trainId);

        assertAudit(audit, trainId, 10, 2, 1, 8);
        assertThat(remaining(trainId)).as("remaining is the audited stock").isEqualTo(8);
    }

    @Test
    void soldOutTrainIsConsistentAfterRefusedPurchases() {
        long trainId = createTrainId(2);
        buyTicket(trainId);
        buyTicket(trainId);
        buy(trainId, "Late Comer", newRequestId()).expectStatus(409);

        assertAudit(audit(trainId), trainId, 2, 2, 0, 0);
    }

    @Test
    void auditOfAnUnknownTrainIsTrainNotFound() {
        assertProblem(Api.get(trainPath(999_999_999_999L) + "/audit"), 404, TRAIN_NOT_FOUND);
    }

    private static void assertAudit(JsonNode audit, long trainId, int capacity, int sold, int cancelled, int stock) {
        assertFields(audit, "trainId", "capacity", "sold", "confirmedTickets", "cancelledTickets", "stock",
                "consistent");
        assertThat(audit.path("trainId").asLong()).isEqualTo(trainId);
        assertThat(audit.path("capacity").asInt()).isEqualTo(capacity);
        assertThat(audit.path("sold").asInt()).as("sold").isEqualTo(sold);
        assertThat(audit.path("confirmedTickets").asInt()).as("confirmedTickets equals sold").isEqualTo(sold);
        assertThat(audit.path("cancelledTickets").asInt()).as("cancelledTickets").isEqualTo(cancelled);
        assertThat(audit.path("stock").asInt()).as("stock is capacity - sold").isEqualTo(stock);
        assertThat(audit.path("consistent").isBoolean()).isTrue();
        assertThat(audit.path("consistent").asBoolean()).as("consistent").isTrue();
    }
}
