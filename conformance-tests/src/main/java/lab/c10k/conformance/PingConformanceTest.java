package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.Reply;
import lab.c10k.conformance.support.ServiceUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest.BodyPublishers;

import static lab.c10k.conformance.support.Shapes.assertFields;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/ping} and the one header that tells the three services apart. */
@ConformanceTest
class PingConformanceTest {

    @Test
    void pingNamesTheModelTheServingThreadAndWhetherItIsVirtual() {
        JsonNode ping = Api.get("/api/ping").expectJson(200);

        assertFields(ping, "model", "thread", "virtual");
        assertThat(ping.path("model").asString()).isEqualTo(ServiceUnderTest.expectedModel());
        assertThat(ping.path("thread").isString()).as("thread is a string").isTrue();
        assertThat(ping.path("thread").asString()).isNotBlank();
        assertThat(ping.path("virtual").isBoolean()).as("virtual is a boolean").isTrue();
        assertThat(ping.path("virtual").asBoolean())
                .as("virtual is true exactly for the virtual-threads model")
                .isEqualTo("virtual-threads".equals(ServiceUnderTest.expectedModel()));
    }

    @ParameterizedTest(name = "{0} {1} answers {2} with the header")
    @CsvSource({
            "GET,    /api/ping,                 200",
            "GET,    /api/trains,               200",
            "GET,    /api/trains/999999999999,  404",
            "GET,    /api/trains/abc,           400",
            "GET,    /api/no-such-route,        404",
            "GET,    /api/trains/,              404",
            "PUT,    /api/trains/1,             405",
            "DELETE, /api/tickets/999999999999, 404",
            "GET,    /actuator/health,          200",
            "GET,    /actuator/env,             404",
    })
    void everyAnswerCarriesTheConcurrencyModelHeader(String method, String path, int status) {
        Reply reply = Api.method(method, path, BodyPublishers.noBody()).expectStatus(status);

        assertThat(reply.header("X-Concurrency-Model")).contains(ServiceUnderTest.expectedModel());
    }
}
