package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.ConformanceTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest.BodyPublishers;

import static lab.c10k.conformance.support.Problems.METHOD_NOT_ALLOWED;
import static lab.c10k.conformance.support.Problems.NOT_FOUND;
import static lab.c10k.conformance.support.Problems.assertProblem;

/** Routes that do not exist and known routes asked with another method. */
@ConformanceTest
class RoutingConformanceTest {

    @ParameterizedTest(name = "GET {0} is not a route")
    @ValueSource(strings = {
            "/",
            "/api",
            "/api/no-such-route",
            "/api/tickets",
            "/api/trains/",
            "/api/tickets/",
            "/api/ping/",
            "/api/trains/1/",
            "/api/trains/1/tickets/1",
            "/api/trains/1/seats",
    })
    void unknownRouteIsNotFound(String path) {
        assertProblem(Api.get(path), 404, NOT_FOUND);
    }

    @ParameterizedTest(name = "{0} {1} is a known route with another method")
    @CsvSource({
            "POST,   /api/ping",
            "DELETE, /api/trains",
            "PUT,    /api/trains",
            "PUT,    /api/trains/1",
            "PATCH,  /api/trains/1",
            "DELETE, /api/trains/1",
            "GET,    /api/trains/1/tickets",
            "DELETE, /api/trains/1/tickets",
            "POST,   /api/trains/1/updates",
            "POST,   /api/trains/1/audit",
            "POST,   /api/tickets/1",
            "PUT,    /api/tickets/1",
    })
    void knownRouteWithAnotherMethodIsMethodNotAllowed(String method, String path) {
        assertProblem(Api.method(method, path, BodyPublishers.noBody()), 405, METHOD_NOT_ALLOWED);
    }
}
