package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.Reply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static lab.c10k.conformance.support.Fixtures.audit;
import static lab.c10k.conformance.support.Fixtures.buy;
import static lab.c10k.conformance.support.Fixtures.buyTicket;
import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Fixtures.newRequestId;
import static lab.c10k.conformance.support.Fixtures.remaining;
import static lab.c10k.conformance.support.Fixtures.ticketPath;
import static lab.c10k.conformance.support.Problems.SOLD_OUT;
import static lab.c10k.conformance.support.Problems.TICKET_NOT_FOUND;
import static lab.c10k.conformance.support.Problems.assertProblem;
import static lab.c10k.conformance.support.Shapes.assertTicket;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET} and {@code DELETE /api/tickets/{id}}: a cancel returns the seat once, however often it is sent. */
@ConformanceTest
class TicketConformanceTest {

    private static final long UNKNOWN_TICKET = 999_999_999_999L;

    @Test
    void getAnswersTheTicketAsBought() {
        JsonNode bought = buyTicket(createTrainId(1));

        JsonNode found = Api.get(ticketPath(bought.path("id").asLong())).expectJson(200);

        assertTicket(found);
        assertThat(found).isEqualTo(bought);
    }

    @Test
    void unknownTicketIsTicketNotFoundForGetAndCancel() {
        assertProblem(Api.get(ticketPath(UNKNOWN_TICKET)), 404, TICKET_NOT_FOUND);
        assertProblem(Api.delete(ticketPath(UNKNOWN_TICKET)), 404, TICKET_NOT_FOUND);
    }

    @Test
    void cancelAnswers204MarksTheTicketCancelledAndReturnsTheSeat() {
        long trainId = createTrainId(2);
        JsonNode ticket = buyTicket(trainId);

        Reply cancel = Api.delete(ticketPath(ticket.path("id").asLong())).expectStatus(204);

        assertThat(cancel.body()).isEmpty();
        JsonNode cancelled = Api.get(ticketPath(ticket.path("id").asLong())).expectJson(200);
        assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(((ObjectNode) cancelled.deepCopy()).put("status", "CONFIRMED")).as("all but the status unchanged").isEqualTo(ticket);
        assertThat(remaining(trainId)).isEqualTo(2);
    }

    @Test
    void cancellingTwiceAnswers204AgainAndReturnsNoSecondSeat() {
        long trainId = createTrainId(2);
        buyTicket(trainId);
        String path = ticketPath(buyTicket(trainId).path("id").asLong());
        Api.delete(path).expectStatus(204);

        Api.delete(path).expectStatus(204);

        assertThat(remaining(trainId)).isEqualTo(1);
        JsonNode audit = audit(trainId);
        assertThat(audit.path("sold").asInt()).isEqualTo(1);
        assertThat(audit.path("cancelledTickets").asInt()).isEqualTo(1);
        assertThat(audit.path("consistent").asBoolean()).isTrue();
    }

    @Test
    void aCancelledSeatCanBeSoldAgain() {
        long trainId = createTrainId(1);
        JsonNode first = buyTicket(trainId);
        assertProblem(buy(trainId, "Xiao Li", newRequestId()), 409, SOLD_OUT);

        Api.delete(ticketPath(first.path("id").asLong())).expectStatus(204);

        buy(trainId, "Xiao Li", newRequestId()).expectJson(201);
        assertThat(remaining(trainId)).isZero();
    }

    @Test
    void replayOfACancelledTicketsRequestAnswers200WithTheCancelledTicketAndNoSeat() {
        long trainId = createTrainId(1);
        String requestId = newRequestId();
        JsonNode ticket = buy(trainId, "Lao Wang", requestId).expectJson(201);
        Api.delete(ticketPath(ticket.path("id").asLong())).expectStatus(204);

        JsonNode replay = buy(trainId, "Lao Wang", requestId).expectJson(200);

        assertThat(replay.path("id")).isEqualTo(ticket.path("id"));
        assertThat(replay.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(remaining(trainId)).isEqualTo(1);
    }
}
