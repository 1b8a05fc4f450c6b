package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.Reply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Locale;

import static lab.c10k.conformance.support.Fixtures.audit;
import static lab.c10k.conformance.support.Fixtures.buy;
import static lab.c10k.conformance.support.Fixtures.buyTicket;
import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Fixtures.newRequestId;
import static lab.c10k.conformance.support.Fixtures.remaining;
import static lab.c10k.conformance.support.Fixtures.ticketPath;
import static lab.c10k.conformance.support.Problems.REQUEST_ID_CONFLICT;
import static lab.c10k.conformance.support.Problems.SOLD_OUT;
import static lab.c10k.conformance.support.Problems.assertProblem;
import static lab.c10k.conformance.support.Shapes.assertTicket;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/trains/{id}/tickets}: one seat per purchase, idempotent by requestId, never oversold. */
@ConformanceTest
class PurchaseConformanceTest {

    @Test
    void purchaseAnswers201WithLocationAndAConfirmedTicket() {
        long trainId = createTrainId(2);
        String requestId = newRequestId();

        Reply reply = buy(trainId, "Lao Wang", requestId);

        JsonNode ticket = reply.expectJson(201);
        assertTicket(ticket);
        assertThat(reply.header("Location")).contains(ticketPath(ticket.path("id").asLong()));
        assertThat(ticket.path("trainId").asLong()).isEqualTo(trainId);
        assertThat(ticket.path("passenger").asString()).isEqualTo("Lao Wang");
        assertThat(ticket.path("requestId").asString()).isEqualTo(requestId);
        assertThat(ticket.path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(Api.get(ticketPath(ticket.path("id").asLong())).expectJson(200)).isEqualTo(ticket);
        assertThat(remaining(trainId)).isEqualTo(1);
    }

    @Test
    void passengerIsStoredTrimmedAndMeasuredInCodePoints() {
        long trainId = createTrainId(2);
        String emoji = "🧳".repeat(64);

        assertThat(buy(trainId, "\u3000Lao Wang\t", newRequestId()).expectJson(201).path("passenger").asString())
                .isEqualTo("Lao Wang");
        assertThat(buy(trainId, emoji, newRequestId()).expectJson(201).path("passenger").asString())
                .isEqualTo(emoji);
    }

    @Test
    void replayOfTheSameRequestAnswers200WithTheSameTicketAndTakesNoSecondSeat() {
        long trainId = createTrainId(3);
        String requestId = newRequestId();
        JsonNode first = buy(trainId, "Lao Wang", requestId).expectJson(201);

        JsonNode replay = buy(trainId, "Lao Wang", requestId).expectJson(200);

        assertThat(replay).isEqualTo(first);
        assertThat(remaining(trainId)).isEqualTo(2);
        assertThat(audit(trainId).path("sold").asInt()).isEqualTo(1);
    }

    @Test
    void requestIdIsCaseInsensitiveAndReturnedInLowerCase() {
        long trainId = createTrainId(3);
        String requestId = newRequestId();
        JsonNode first = buy(trainId, "Lao Wang", requestId.toUpperCase(Locale.ROOT)).expectJson(201);
        assertThat(first.path("requestId").asString()).isEqualTo(requestId);

        assertThat(buy(trainId, "Lao Wang", requestId).expectJson(200)).isEqualTo(first);
        assertThat(remaining(trainId)).isEqualTo(2);
    }

    @Test
    void replayWithThePassengerDifferingOnlyInSurroundingWhitespaceIsTheSamePurchase() {
        long trainId = createTrainId(3);
        String requestId = newRequestId();
        JsonNode first = buy(trainId, "Lao Wang", requestId).expectJson(201);

        assertThat(buy(trainId, "  Lao Wang\u3000", requestId).expectJson(200)).isEqualTo(first);
        assertThat(remaining(trainId)).isEqualTo(2);
    }

    @Test
    void requestIdReusedForAnotherPassengerIsAConflictAndTakesNoSeat() {
        long trainId = createTrainId(3);
        String requestId = newRequestId();
        buy(trainId, "Lao Wang", requestId).expectJson(201);

        assertProblem(buy(trainId, "Xiao Li", requestId), 409, REQUEST_ID_CONFLICT);
        assertThat(remaining(trainId)).isEqualTo(2);
    }

    @Test
    void requestIdReusedOnAnotherTrainIsAConflictAndTakesNoSeatThere() {
        long firstTrain = createTrainId(3);
        long otherTrain = createTrainId(3);
        String requestId = newRequestId();
        buy(firstTrain, "Lao Wang", requestId).expectJson(201);

        assertProblem(buy(otherTrain, "Lao Wang", requestId), 409, REQUEST_ID_CONFLICT);
        assertThat(audit(otherTrain).path("sold").asInt()).isZero();
        assertThat(remaining(otherTrain)).isEqualTo(3);
    }

    @Test
    void lastSeatSoldThenSoldOutAndTheFailedPurchaseChangesNothing() {
        long trainId = createTrainId(1);
        buyTicket(trainId);

        assertProblem(buy(trainId, "Xiao Li", newRequestId()), 409, SOLD_OUT);

        JsonNode audit = audit(trainId);
        assertThat(audit.path("sold").asInt()).isEqualTo(1);
        assertThat(audit.path("stock").asInt()).isZero();
        assertThat(audit.path("consistent").asBoolean()).isTrue();
    }
}
