package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.LongPolls;
import lab.c10k.conformance.support.Problems;
import lab.c10k.conformance.support.Prometheus;
import lab.c10k.conformance.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Actuator on the service port: health, info and prometheus, and nothing else. */
@ConformanceTest
class ActuatorConformanceTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/actuator/health", "/actuator/info", "/actuator/prometheus"})
    void exposedEndpointAnswers200(String path) {
        Api.get(path).expectStatus(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/threaddump",
            "/actuator/configprops", "/actuator/mappings", "/actuator/loggers", "/actuator/metrics",
            "/actuator/scheduledtasks", "/actuator/shutdown"})
    void otherActuatorEndpointIsNotFound(String path) {
        Reply reply = Api.get(path).expectStatus(404);
        assertThat(reply.contentType()).startsWith(Problems.CONTENT_TYPE);
    }

    @Test
    void httpServerRequestSeriesCarryTheApplicationTag() {
        Api.get("/api/ping").expectStatus(200);

        List<String> series = Prometheus.series(Prometheus.scrape(), "http_server_requests_seconds_count");

        assertThat(series).as("http_server_requests_seconds_count series").isNotEmpty()
                .allMatch(line -> line.contains("application=\""));
    }

    @Test
    void waitingLongPollGaugeIsPublishedWithTheApplicationTag() {
        List<String> series = Prometheus.series(Prometheus.scrape(), LongPolls.WAITING_GAUGE);

        assertThat(series).as(LongPolls.WAITING_GAUGE + " series").isNotEmpty()
                .allMatch(line -> line.contains("application=\""));
    }
}
