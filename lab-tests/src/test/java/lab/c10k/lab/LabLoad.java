package lab.c10k.lab;

import lab.c10k.conformance.support.Json;
import lab.c10k.conformance.support.LongPolls;
import lab.c10k.conformance.support.Prometheus;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A short load through every endpoint of one service, a few requests each, so that every panel of the dashboards has
 * something to show: a train created, read, listed; a sale that wakes a waiting long poll; a replay, a conflict, a
 * sold-out; a ticket read and cancelled twice; a poll that times out; an audit; and the common errors.
 */
final class LabLoad {

    private final URI base;

    private LabLoad(URI base) {
        this.base = base;
    }

    static void through(ServiceProcess service) {
        new LabLoad(service.baseUri()).run();
    }

    private void run() {
        get("/api/ping", 200);
        String code = "LAB" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        long trainId = post("/api/trains", train(code), 201).path("id").asLong();
        post("/api/trains", train(code), 409);
        String train = "/api/trains/" + trainId;
        get(train, 200);
        get(train, 200);
        get("/api/trains?limit=5", 200);

        String requestId = UUID.randomUUID().toString();
        long ticketId = buyWhileAPollWaits(train, requestId);
        post(train + "/tickets", purchase("Lao Wang", requestId), 200);
        post(train + "/tickets", purchase("Xiao Li", requestId), 409);
        post(train + "/tickets", purchase("Xiao Li", UUID.randomUUID().toString()), 201);
        post(train + "/tickets", purchase("Lao Zhang", UUID.randomUUID().toString()), 409);
        get("/api/tickets/" + ticketId, 200);
        delete("/api/tickets/" + ticketId, 204);
        delete("/api/tickets/" + ticketId, 204);
        get(train + "/updates?waitMs=0", 204);
        JsonNode audit = get(train + "/audit", 200);
        if (!audit.path("consistent").asBoolean()) {
            throw new AssertionError(base + train + "/audit is not consistent after the load: " + audit);
        }

        get("/api/trains/999999999", 404);
        get("/api/trains/not-a-number", 400);
        get("/api/no-such-route", 404);
        get("/api/tickets/999999999", 404);
        delete("/api/tickets/999999999", 404);
        post("/api/trains/999999999/tickets", purchase("Lao Wang", UUID.randomUUID().toString()), 404);
        post(train + "/tickets", Json.object().put("passenger", ""), 400);
        send(Http.request(base.resolve("/api/trains")).header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("G1")), 415);
        send(Http.request(base.resolve("/api/trains")).PUT(BodyPublishers.noBody()), 405);
    }

    /** The sale answers 201 and wakes the poll that was waiting on the train (200 with the new stock). */
    private long buyWhileAPollWaits(String train, String requestId) {
        CompletableFuture<Http.Answer> poll = Http.sendAsync(
                Http.request(base.resolve(train + "/updates?waitMs=20000")).GET().build());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Prometheus.sum(Http.get(base.resolve("/actuator/prometheus")).body(), LongPolls.WAITING_GAUGE) < 1) {
            if (poll.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError(base + ": the long poll was not seen waiting: " + poll.getNow(null));
            }
            Processes.pause(Duration.ofMillis(50));
        }
        long ticketId = post(train + "/tickets", purchase("Lao Wang", requestId), 201).path("id").asLong();
        poll.join().expect(200);
        return ticketId;
    }

    private static JsonNode train(String code) {
        return Json.object().put("code", code).put("origin", "Beijing").put("destination", "Shanghai")
                .put("departsAt", "2026-12-01T08:00:00Z").put("capacity", 2);
    }

    private static JsonNode purchase(String passenger, String requestId) {
        return Json.object().put("passenger", passenger).put("requestId", requestId);
    }

    private JsonNode get(String path, int status) {
        return send(Http.request(base.resolve(path)).GET(), status);
    }

    private JsonNode post(String path, JsonNode body, int status) {
        return send(Http.jsonPost(base.resolve(path), body), status);
    }

    private void delete(String path, int status) {
        send(Http.request(base.resolve(path)).DELETE(), status);
    }

    private static JsonNode send(HttpRequest.Builder request, int status) {
        Http.Answer answer = Http.send(request.build()).expect(status);
        return answer.body().isEmpty() ? Json.object() : Json.parse(answer.body());
    }
}
