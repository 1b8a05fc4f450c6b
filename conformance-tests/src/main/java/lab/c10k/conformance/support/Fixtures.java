package lab.c10k.conformance.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.UUID;

/** Paths, request bodies and the few steps almost every test takes: create a train, buy, look at the stock. */
public final class Fixtures {

    public static final String TRAINS = "/api/trains";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Fixtures() {
    }

    public static String trainPath(long trainId) {
        return TRAINS + "/" + trainId;
    }

    public static String ticketsPath(long trainId) {
        return trainPath(trainId) + "/tickets";
    }

    public static String ticketPath(long ticketId) {
        return "/api/tickets/" + ticketId;
    }

    /** A train code no other test uses: {@code T} and up to 12 base-36 digits, within the 16 allowed. */
    public static String uniqueCode() {
        long random = RANDOM.nextLong() & 0xFFFF_FFFF_FFFFL;
        return "T" + Long.toString(random, 36).toUpperCase(Locale.ROOT);
    }

    public static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    /** A valid train body that tests then break one field at a time. */
    public static ObjectNode trainBody(String code, int capacity) {
        return Json.object()
                .put("code", code)
                .put("origin", "Beijing")
                .put("destination", "Shanghai")
                .put("departsAt", "2026-12-01T08:00:00Z")
                .put("capacity", capacity);
    }

    public static ObjectNode purchaseBody(String passenger, String requestId) {
        return Json.object().put("passenger", passenger).put("requestId", requestId);
    }

    /** A JSON POST to the service under test, to send as it is or within a bound ({@link Api#sendWithin}). */
    public static HttpRequest.Builder jsonPost(String path, JsonNode body) {
        return jsonPost(ServiceUnderTest.baseUri(), path, body);
    }

    /** A JSON POST to another instance of the service. */
    public static HttpRequest.Builder jsonPost(URI baseUri, String path, JsonNode body) {
        return Api.request(baseUri, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
    }

    public static Reply postTrain(JsonNode body) {
        return Api.postJson(TRAINS, Json.write(body));
    }

    /** Creates a fresh train with this many seats; returns the Train from the 201 answer. */
    public static JsonNode createTrain(int capacity) {
        return postTrain(trainBody(uniqueCode(), capacity)).expectJson(201);
    }

    public static long createTrainId(int capacity) {
        return createTrain(capacity).path("id").asLong();
    }

    public static Reply buy(long trainId, JsonNode body) {
        return Api.postJson(ticketsPath(trainId), Json.write(body));
    }

    public static Reply buy(long trainId, String passenger, String requestId) {
        return buy(trainId, purchaseBody(passenger, requestId));
    }

    /** Buys one seat for a new passenger and request id; returns the Ticket from the 201 answer. */
    public static JsonNode buyTicket(long trainId) {
        return buy(trainId, "Passenger " + RANDOM.nextInt(1_000_000), newRequestId()).expectJson(201);
    }

    public static JsonNode train(long trainId) {
        return Api.get(trainPath(trainId)).expectJson(200);
    }

    /** The train as the list shows it: a second read path, which may bypass the cache. */
    public static JsonNode listedTrain(long trainId) {
        return Api.get(TRAINS + "?limit=1&afterId=" + (trainId - 1)).expectJson(200).path("items").path(0);
    }

    public static long remaining(long trainId) {
        return train(trainId).path("remaining").asLong();
    }

    public static JsonNode audit(long trainId) {
        return Api.get(trainPath(trainId) + "/audit").expectJson(200);
    }
}
