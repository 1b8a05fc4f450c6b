package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.Fixtures;
import lab.c10k.conformance.support.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.stream.Stream;

import static lab.c10k.conformance.support.Fixtures.TRAINS;
import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Problems.INVALID_REQUEST;
import static lab.c10k.conformance.support.Problems.assertInvalid;
import static lab.c10k.conformance.support.Problems.assertProblem;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** Numbers in paths and queries are plain ASCII digits within a signed 64-bit range, and positive where ids. */
@ConformanceTest
class PathAndQueryConformanceTest {

    /** Raw (already percent-encoded) path segments that are not a valid id. */
    private static final List<String> BAD_IDS = List.of("0", "-1", "+5", "-0", "1e2", "0x10", "5.0", "%205", "5%20",
            "abc", "%D9%A5", "9223372036854775808", "99999999999999999999999");

    /** Every route with an id in its path; the body (if any) is valid, so only the id can be wrong. */
    private static final List<String> ROUTES = List.of("GET /api/trains/{id}", "GET /api/trains/{id}/audit",
            "GET /api/trains/{id}/updates?waitMs=0", "POST /api/trains/{id}/tickets", "GET /api/tickets/{id}",
            "DELETE /api/tickets/{id}");

    static Stream<Arguments> badIdsOnEveryRoute() {
        return ROUTES.stream().flatMap(route -> BAD_IDS.stream()
                .map(id -> argumentSet(route.replace("{id}", id), route, id)));
    }

    @ParameterizedTest
    @MethodSource("badIdsOnEveryRoute")
    void badIdInThePathIsInvalid(String route, String id) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1).replace("{id}", id);
        String body = Json.write(Fixtures.purchaseBody("Lao Wang", Fixtures.newRequestId()));

        var reply = method.equals("POST")
                ? Api.postJson(path, body)
                : Api.method(method, path, BodyPublishers.noBody());

        assertProblem(reply, 400, INVALID_REQUEST);
    }

    @ParameterizedTest(name = "limit={0}")
    @ValueSource(strings = {"0", "101", "-1", "+5", "1e2", "1.5", "abc", "", "%205", "%D9%A5", "9223372036854775808"})
    void limitOutOfRangeOrNotPlainDigitsIsInvalid(String limit) {
        assertInvalid(Api.get(TRAINS + "?limit=" + limit), "limit");
    }

    @ParameterizedTest(name = "afterId={0}")
    @ValueSource(strings = {"-1", "-0", "+5", "1e2", "abc", "", "%205", "%D9%A5", "9223372036854775808"})
    void afterIdNegativeOrNotPlainDigitsIsInvalid(String afterId) {
        assertInvalid(Api.get(TRAINS + "?afterId=" + afterId), "afterId");
    }

    @ParameterizedTest(name = "limit={0}")
    @ValueSource(strings = {"1", "100"})
    void limitBoundsAreInclusive(String limit) {
        Api.get(TRAINS + "?limit=" + limit).expectJson(200);
    }

    @ParameterizedTest(name = "afterId={0}")
    @ValueSource(strings = {"0", "9223372036854775807"})
    void afterIdBoundsAreInclusive(String afterId) {
        Api.get(TRAINS + "?afterId=" + afterId).expectJson(200);
    }

    @ParameterizedTest(name = "waitMs={0}")
    @ValueSource(strings = {"-1", "30001", "+5", "1e3", "abc", "", "%205", "9223372036854775808"})
    void waitMsOutOfRangeOrNotPlainDigitsIsInvalid(String waitMs) {
        long trainId = createTrainId(1);
        assertInvalid(Api.get(Fixtures.trainPath(trainId) + "/updates?waitMs=" + waitMs), "waitMs");
    }
}
