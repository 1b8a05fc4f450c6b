package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.Json;
import lab.c10k.conformance.support.Prometheus;
import lab.c10k.conformance.support.Reply;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static lab.c10k.conformance.support.Fixtures.buy;
import static lab.c10k.conformance.support.Fixtures.buyTicket;
import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Fixtures.newRequestId;
import static lab.c10k.conformance.support.Fixtures.ticketPath;
import static lab.c10k.conformance.support.Fixtures.ticketsPath;
import static lab.c10k.conformance.support.LongPolls.startWaiting;
import static lab.c10k.conformance.support.LongPolls.updatesPath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The c10k meters every service publishes under the same names and tags (docs/metrics.md), proven by what one request
 * does to them: a table of request × the series it moves by one. The suite runs one test at a time, so a counter read
 * before and after a request moved for that request alone.
 */
@ConformanceTest
class MetricsConformanceTest {

    private static final String PURCHASES = "c10k_purchases_total";
    private static final String CANCELS = "c10k_cancels_total";
    private static final String LONG_POLLS = "c10k_longpoll_completed_total";
    private static final String PROBLEMS = "c10k_problems_total";
    private static final String IN_FLIGHT = "c10k_http_requests_in_flight";
    private static final String RESIDENT = "c10k_process_resident_memory_bytes";

    /** Each case prepares what its request needs and returns the request, which the test then sends and measures. */
    static Stream<Arguments> requestsAndTheSeriesTheyCount() {
        return Stream.of(
                counts("a sale", PURCHASES, "outcome", "sold", () -> {
                    long trainId = createTrainId(1);
                    return () -> buyTicket(trainId);
                }),
                counts("a retry of a sale", PURCHASES, "outcome", "replayed", () -> {
                    long trainId = createTrainId(1);
                    String requestId = ticketBoughtBy("Lao Wang", trainId);
                    return () -> buy(trainId, "Lao Wang", requestId).expectStatus(200);
                }),
                counts("a purchase of no seat", PURCHASES, "outcome", "sold_out", MetricsConformanceTest::soldOut),
                counts("a purchase of no seat", PROBLEMS, "type", "sold-out", MetricsConformanceTest::soldOut),
                counts("a requestId reused by another passenger", PURCHASES, "outcome", "request_id_conflict", () -> {
                    long trainId = createTrainId(2);
                    String requestId = ticketBoughtBy("Lao Wang", trainId);
                    return () -> buy(trainId, "Xiao Li", requestId).expectStatus(409);
                }),
                counts("a purchase on no train", PURCHASES, "outcome", "train_not_found",
                        () -> () -> buy(Long.MAX_VALUE, "Lao Wang", newRequestId()).expectStatus(404)),
                counts("an invalid purchase", PURCHASES, "outcome", "invalid_request", MetricsConformanceTest::invalid),
                counts("an invalid purchase", PROBLEMS, "type", "invalid-request", MetricsConformanceTest::invalid),
                counts("a cancel", CANCELS, "outcome", "cancelled", () -> {
                    long ticketId = buyTicket(createTrainId(1)).path("id").asLong();
                    return () -> Api.delete(ticketPath(ticketId)).expectStatus(204);
                }),
                counts("a second cancel", CANCELS, "outcome", "already_cancelled", () -> {
                    long ticketId = buyTicket(createTrainId(1)).path("id").asLong();
                    Api.delete(ticketPath(ticketId)).expectStatus(204);
                    return () -> Api.delete(ticketPath(ticketId)).expectStatus(204);
                }),
                counts("a cancel of no ticket", CANCELS, "outcome", "ticket_not_found", MetricsConformanceTest::noTicket),
                counts("a cancel of no ticket", PROBLEMS, "type", "ticket-not-found", MetricsConformanceTest::noTicket),
                counts("a poll woken by a sale", LONG_POLLS, "outcome", "woken", () -> {
                    long trainId = createTrainId(2);
                    CompletableFuture<Reply> poll = startWaiting(trainId, 30_000);
                    return () -> {
                        buyTicket(trainId);
                        Api.await(poll).expectStatus(200);
                    };
                }),
                counts("a poll that waits its time out", LONG_POLLS, "outcome", "timeout", () -> {
                    long trainId = createTrainId(1);
                    return () -> Api.get(updatesPath(trainId, 0)).expectStatus(204);
                }),
                counts("no such route", PROBLEMS, "type", "not-found",
                        () -> () -> Api.get("/api/no-such-route").expectStatus(404)),
                counts("a trailing slash", PROBLEMS, "type", "not-found",
                        () -> () -> Api.get("/api/trains/").expectStatus(404)));
    }

    @ParameterizedTest(name = "{0} counts {1}'{'{2}=\"{3}\"'}'")
    @MethodSource("requestsAndTheSeriesTheyCount")
    void aRequestCountsOnceInItsSeries(String request, String metric, String label, String value,
                                       Supplier<Runnable> prepare) {
        Runnable send = prepare.get();
        double before = Prometheus.sum(metric, label, value);

        send.run();

        // A poll is counted as its response ends, which its client may see a moment before.
        Awaitility.await(metric + "{" + label + "=\"" + value + "\"} moves by one")
                .atMost(Duration.ofSeconds(10))
                .until(() -> Prometheus.sum(metric, label, value), count -> count >= before + 1);
        assertThat(Prometheus.sum(metric, label, value)).isEqualTo(before + 1);
    }

    @Test
    void aRetryOfASaleSellsNoSecondSeat() {
        long trainId = createTrainId(1);
        String requestId = ticketBoughtBy("Lao Wang", trainId);
        double sold = Prometheus.sum(PURCHASES, "outcome", "sold");

        buy(trainId, "Lao Wang", requestId).expectStatus(200);

        assertThat(Prometheus.sum(PURCHASES, "outcome", "sold")).isEqualTo(sold);
    }

    @Test
    void aWaitingPollIsARequestInFlight() {
        long trainId = createTrainId(1);
        CompletableFuture<Reply> poll = startWaiting(trainId, 30_000);

        // The waiting poll and the scrape that reads the gauge.
        assertThat(Prometheus.sum(Prometheus.scrape(), IN_FLIGHT)).isGreaterThanOrEqualTo(2);

        buyTicket(trainId);
        Api.await(poll).expectStatus(200);
        Awaitility.await(IN_FLIGHT + " is back to the scrape alone")
                .atMost(Duration.ofSeconds(10))
                .until(() -> Prometheus.sum(Prometheus.scrape(), IN_FLIGHT), inFlight -> inFlight == 1);
    }

    @Test
    void residentMemoryIsInBytesAndHoldsAtLeastTheHeapInUse() {
        String exposition = Prometheus.scrape();
        double heapUsed = Prometheus.series(exposition, "jvm_memory_used_bytes").stream()
                .filter(line -> line.contains("area=\"heap\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();

        assertThat(Prometheus.sum(exposition, RESIDENT)).isGreaterThan(heapUsed);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {PURCHASES, CANCELS, LONG_POLLS, PROBLEMS, IN_FLIGHT, RESIDENT})
    void everyC10kMeterCarriesTheApplicationTag(String metric) {
        assertThat(Prometheus.series(Prometheus.scrape(), metric)).as(metric).isNotEmpty()
                .allMatch(line -> line.contains("application=\""));
    }

    private static Arguments counts(String request, String metric, String label, String value,
                                    Supplier<Runnable> prepare) {
        return Arguments.of(request, metric, label, value, prepare);
    }

    private static Runnable soldOut() {
        long trainId = createTrainId(1);
        buyTicket(trainId);
        return () -> buy(trainId, "Xiao Li", newRequestId()).expectStatus(409);
    }

    private static Runnable invalid() {
        long trainId = createTrainId(1);
        return () -> Api.postJson(ticketsPath(trainId), Json.write(Json.object().put("passenger", "")))
                .expectStatus(400);
    }

    private static Runnable noTicket() {
        return () -> Api.delete(ticketPath(Long.MAX_VALUE)).expectStatus(404);
    }

    /** Buys a seat; returns the purchase's requestId. */
    private static String ticketBoughtBy(String passenger, long trainId) {
        String requestId = newRequestId();
        buy(trainId, passenger, requestId).expectStatus(201);
        return requestId;
    }
}
