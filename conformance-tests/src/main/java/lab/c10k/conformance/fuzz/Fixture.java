package lab.c10k.conformance.fuzz;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.Fixtures;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static lab.c10k.conformance.support.Fixtures.TRAINS;
import static lab.c10k.conformance.support.Fixtures.ticketPath;
import static lab.c10k.conformance.support.Fixtures.trainPath;

/**
 * The data the fuzzer aims at, created fresh: a sold-out train (where even a valid purchase changes nothing), a
 * train with a confirmed and a cancelled ticket, and an empty train whose code every generated train body reuses.
 */
public record Fixture(long soldOutTrain, long openTrain, long emptyTrain, String takenCode, String takenRequestId,
                      List<Long> tickets) {

    /** Tickets probed past the last one: a rejected purchase that committed anyway would appear there. */
    private static final int PROBED_NEXT_TICKETS = 20;

    public static Fixture create() {
        long soldOut = Fixtures.createTrainId(1);
        String requestId = Fixtures.newRequestId();
        long sold = Fixtures.buy(soldOut, "Fuzz Fixture Passenger", requestId).expectJson(201).path("id").asLong();
        long open = Fixtures.createTrainId(5);
        long confirmed = Fixtures.buyTicket(open).path("id").asLong();
        long cancelled = Fixtures.buyTicket(open).path("id").asLong();
        Api.delete(ticketPath(cancelled)).expectStatus(204);
        JsonNode empty = Fixtures.createTrain(3);
        return new Fixture(soldOut, open, empty.path("id").asLong(), empty.path("code").asString(), requestId,
                List.of(sold, confirmed, cancelled));
    }

    public List<Long> trains() {
        return List.of(soldOutTrain, openTrain, emptyTrain);
    }

    /**
     * Everything bad input could have changed, as text: each train and its audit, each ticket, every train listed
     * after the fixture's first (a created train would be listed), and the status of the next ticket ids.
     */
    public Map<String, String> snapshot() {
        Map<String, String> state = new LinkedHashMap<>();
        for (long train : trains()) {
            state.put(trainPath(train), Api.get(trainPath(train)).expectJson(200).toString());
            state.put(trainPath(train) + "/audit", Fixtures.audit(train).toString());
        }
        for (long ticket : tickets) {
            state.put(ticketPath(ticket), Api.get(ticketPath(ticket)).expectJson(200).toString());
        }
        long afterId = soldOutTrain - 1;
        for (int page = 0; afterId >= 0; page++) {
            JsonNode listed = Api.get(TRAINS + "?limit=100&afterId=" + afterId).expectJson(200);
            state.put("list page " + page, listed.path("items").toString());
            afterId = listed.path("nextAfterId").isNull() ? -1 : listed.path("nextAfterId").asLong();
        }
        long lastTicket = tickets.stream().mapToLong(Long::longValue).max().orElseThrow();
        for (long next = lastTicket + 1; next <= lastTicket + PROBED_NEXT_TICKETS; next++) {
            state.put(ticketPath(next), String.valueOf(Api.get(ticketPath(next)).status()));
        }
        return state;
    }
}
