package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.Reply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static lab.c10k.conformance.support.Fixtures.buy;
import static lab.c10k.conformance.support.Fixtures.buyTicket;
import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Fixtures.newRequestId;
import static lab.c10k.conformance.support.Fixtures.ticketPath;
import static lab.c10k.conformance.support.Fixtures.trainPath;
import static lab.c10k.conformance.support.LongPolls.startWaiting;
import static lab.c10k.conformance.support.LongPolls.updatesPath;
import static lab.c10k.conformance.support.Problems.TRAIN_NOT_FOUND;
import static lab.c10k.conformance.support.Problems.assertProblem;
import static lab.c10k.conformance.support.Shapes.assertFields;
import static lab.c10k.conformance.support.Shapes.assertInstant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/trains/{id}/updates}: a long poll answered by the first stock change after it arrived. Polls wait
 * up to the 30 s maximum, so a poll that is never woken fails the test through the client's timeout.
 */
@ConformanceTest
class UpdatesConformanceTest {

    private static final long LONG_WAIT = 30_000;

    @Test
    void aSaleWakesTheWaitingPollWithTheNewStock() {
        long trainId = createTrainId(3);
        CompletableFuture<Reply> poll = startWaiting(trainId, LONG_WAIT);

        buyTicket(trainId);

        assertUpdate(Api.await(poll), trainId, 2);
    }

    @Test
    void aCancelWakesTheWaitingPollWithTheNewStock() {
        long trainId = createTrainId(3);
        JsonNode ticket = buyTicket(trainId);
        CompletableFuture<Reply> poll = startWaiting(trainId, LONG_WAIT);

        Api.delete(ticketPath(ticket.path("id").asLong())).expectStatus(204);

        assertUpdate(Api.await(poll), trainId, 3);
    }

    @Test
    void oneSaleWakesEveryPollWaitingOnTheTrain() {
        long trainId = createTrainId(5);
        List<CompletableFuture<Reply>> polls = startWaiting(trainId, LONG_WAIT, 3);

        buyTicket(trainId);

        polls.forEach(poll -> assertUpdate(Api.await(poll), trainId, 4));
    }

    @Test
    void aSaleOnAnotherTrainDoesNotWakeThePoll() {
        long trainId = createTrainId(7);
        long otherTrainId = createTrainId(2);
        CompletableFuture<Reply> poll = startWaiting(trainId, LONG_WAIT);

        buyTicket(otherTrainId);
        buyTicket(trainId);

        assertUpdate(Api.await(poll), trainId, 6);
    }

    @Test
    void requestsThatChangeNoStockDoNotWakeThePoll() {
        long trainId = createTrainId(1);
        String requestId = newRequestId();
        JsonNode ticket = buy(trainId, "Lao Wang", requestId).expectJson(201);
        CompletableFuture<Reply> poll = startWaiting(trainId, LONG_WAIT);

        buy(trainId, "Lao Wang", requestId).expectStatus(200);
        buy(trainId, "Xiao Li", newRequestId()).expectStatus(409);
        buy(trainId, "Xiao Li", requestId).expectStatus(409);
        Api.delete(ticketPath(ticket.path("id").asLong())).expectStatus(204);

        // Only the cancel changed the stock, from 0 to 1; an earlier wake-up would report 0.
        assertUpdate(Api.await(poll), trainId, 1);
    }

    @Test
    void aChangeBeforeThePollArrivedDoesNotCount() {
        long trainId = createTrainId(3);
        buyTicket(trainId);

        Reply reply = Api.get(updatesPath(trainId, 300));

        reply.expectStatus(204);
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void pollAnswers204WithNoBodyWhenNothingChangesInTime() {
        long trainId = createTrainId(3);

        Reply reply = Api.get(updatesPath(trainId, 300));

        reply.expectStatus(204);
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void pollWithZeroWaitAnswers204() {
        Api.get(updatesPath(createTrainId(3), 0)).expectStatus(204);
    }

    @Test
    void pollWithoutWaitMsWaitsForTheDefaultTime() {
        long trainId = createTrainId(3);
        CompletableFuture<Reply> poll = startWaiting(trainPath(trainId) + "/updates", 1).getFirst();

        buyTicket(trainId);

        assertUpdate(Api.await(poll), trainId, 2);
    }

    @Test
    void pollOnAnUnknownTrainIsTrainNotFound() {
        assertProblem(Api.get(updatesPath(999_999_999_999L, 0)), 404, TRAIN_NOT_FOUND);
    }

    private static void assertUpdate(Reply reply, long trainId, int remaining) {
        JsonNode update = reply.expectJson(200);
        assertFields(update, "trainId", "remaining", "at");
        assertThat(update.path("trainId").asLong()).isEqualTo(trainId);
        assertThat(update.path("remaining").asInt()).as("remaining in %s", update).isEqualTo(remaining);
        assertInstant(update, "at");
    }
}
