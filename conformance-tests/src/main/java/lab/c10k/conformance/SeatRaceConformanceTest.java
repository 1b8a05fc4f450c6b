package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.Json;
import lab.c10k.conformance.support.Reply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;

import static lab.c10k.conformance.support.Api.concurrently;
import static lab.c10k.conformance.support.Api.countByStatus;
import static lab.c10k.conformance.support.Fixtures.audit;
import static lab.c10k.conformance.support.Fixtures.buyTicket;
import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Fixtures.newRequestId;
import static lab.c10k.conformance.support.Fixtures.purchaseBody;
import static lab.c10k.conformance.support.Fixtures.remaining;
import static lab.c10k.conformance.support.Fixtures.ticketPath;
import static lab.c10k.conformance.support.Fixtures.ticketsPath;
import static lab.c10k.conformance.support.Problems.REQUEST_ID_CONFLICT;
import static lab.c10k.conformance.support.Problems.SOLD_OUT;
import static org.assertj.core.api.Assertions.assertThat;

/** Many clients at once: never a seat that does not exist, never a passenger charged twice, never a seat lost. */
@ConformanceTest
class SeatRaceConformanceTest {

    @Test
    void twoHundredBuyersRacingForFiftySeatsGetExactlyFifty() {
        long trainId = createTrainId(50);

        List<Reply> replies = concurrently(200, i -> purchase(trainId, "Buyer " + i, newRequestId()));

        assertThat(countByStatus(replies)).as(distinctAnswers(replies)).containsExactlyInAnyOrderEntriesOf(Map.of(201, 50L, 409, 150L));
        replies.stream().filter(reply -> reply.status() == 409)
                .forEach(reply -> assertThat(reply.json().path("type").asString()).isEqualTo(SOLD_OUT));
        assertThat(replies.stream().filter(reply -> reply.status() == 201).map(reply -> reply.json().path("id")))
                .as("distinct tickets").doesNotHaveDuplicates();
        assertThat(remaining(trainId)).isZero();
        JsonNode audit = audit(trainId);
        assertThat(audit.path("sold").asInt()).isEqualTo(50);
        assertThat(audit.path("confirmedTickets").asInt()).isEqualTo(50);
        assertThat(audit.path("consistent").asBoolean()).isTrue();
    }

    @Test
    void fiftySimultaneousRetriesOfOnePurchaseTakeOneSeat() {
        long trainId = createTrainId(10);
        String requestId = newRequestId();

        List<Reply> replies = concurrently(50, i -> purchase(trainId, "Lao Wang", requestId));

        assertThat(countByStatus(replies)).as(distinctAnswers(replies)).containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 200, 49L));
        assertThat(replies.stream().map(Reply::json).distinct()).as("one and the same ticket").hasSize(1);
        assertThat(remaining(trainId)).isEqualTo(9);
        assertThat(audit(trainId).path("consistent").asBoolean()).isTrue();
    }

    @Test
    void oneRequestIdRacedByFiftyPassengersBuysOneSeatAndTheRestConflict() {
        long trainId = createTrainId(10);
        String requestId = newRequestId();

        List<Reply> replies = concurrently(50, i -> purchase(trainId, "Passenger " + i, requestId));

        assertThat(countByStatus(replies)).as(distinctAnswers(replies))
                .containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 409, 49L));
        replies.stream().filter(reply -> reply.status() == 409)
                .forEach(reply -> assertThat(reply.json().path("type").asString()).isEqualTo(REQUEST_ID_CONFLICT));
        assertThat(remaining(trainId)).isEqualTo(9);
    }

    @Test
    void fiftySimultaneousCancelsOfOneTicketReturnOneSeat() {
        long trainId = createTrainId(10);
        buyTicket(trainId);
        String path = ticketPath(buyTicket(trainId).path("id").asLong());

        List<Reply> replies = concurrently(50, i -> Api.request(path).DELETE().build());

        assertThat(countByStatus(replies)).as(distinctAnswers(replies)).containsExactlyEntriesOf(Map.of(204, 50L));
        assertThat(remaining(trainId)).isEqualTo(9);
        JsonNode audit = audit(trainId);
        assertThat(audit.path("sold").asInt()).isEqualTo(1);
        assertThat(audit.path("cancelledTickets").asInt()).isEqualTo(1);
        assertThat(audit.path("consistent").asBoolean()).isTrue();
    }

    private static HttpRequest purchase(long trainId, String passenger, String requestId) {
        return Api.request(ticketsPath(trainId))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(Json.write(purchaseBody(passenger, requestId))))
                .build();
    }

    /** Each different answer once, so a failure shows what the unexpected statuses said. */
    private static String distinctAnswers(List<Reply> replies) {
        return "statuses of " + replies.getFirst().request() + "; distinct answers: "
                + replies.stream().map(reply -> reply.status() + " " + reply.body()).distinct().toList();
    }
}
