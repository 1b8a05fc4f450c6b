package lab.c10k.reactive;

import java.util.List;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.Fixtures;
import lab.c10k.conformance.support.Prometheus;
import lab.c10k.conformance.support.ServiceUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What this model adds to /actuator/prometheus: Reactor Netty's server metrics, the R2DBC pool and
 * Lettuce's command timings, each with the {@code application} tag, and uri tags that are route
 * templates rather than raw paths.
 */
@ExtendWith(ServiceUnderTest.class)
class MetricsTest {

	private static long trainId;

	@BeforeAll
	static void traffic() {
		trainId = Fixtures.createTrainId(5);
		Fixtures.buyTicket(trainId);
		Fixtures.audit(trainId);
		Api.get(Fixtures.trainPath(trainId) + "/updates?waitMs=0").expectStatus(204);
		Api.get("/api/trains/not-a-number").expectStatus(400);
		Api.get("/api/no-such-route/42").expectStatus(404);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "reactor_netty_http_server_data_received_bytes_count",
			"reactor_netty_http_server_data_sent_bytes_count", "reactor_netty_http_server_response_time_seconds_count",
			"reactor_netty_http_server_connections_active", "r2dbc_pool_acquired_connections",
			"r2dbc_pool_max_allocated_connections", "lettuce_seconds_count", "http_server_requests_seconds_count" })
	void seriesArePublishedWithTheApplicationTag(String metric) {
		List<String> series = Prometheus.series(Prometheus.scrape(), metric);

		assertThat(series).as(metric).isNotEmpty().allMatch(line -> line.contains("application=\"reactive-service\""));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "reactor_netty_http_server_response_time_seconds_count",
			"http_server_requests_seconds_count" })
	void uriTagsAreRouteTemplatesNeverRawIds(String metric) {
		List<String> uris = Prometheus.series(Prometheus.scrape(), metric).stream()
			.filter(line -> line.contains("uri=\""))
			.map(line -> line.replaceAll(".*uri=\"([^\"]*)\".*", "$1"))
			.distinct()
			.toList();

		assertThat(uris).as("uri tags of " + metric)
			.anyMatch(uri -> uri.equals("/api/trains/{id}/audit"))
			.anyMatch(uri -> uri.matches("/api/trains/\\{(id|trainId)}/tickets"))
			.anyMatch(uri -> uri.equals("/api/trains/{id}/updates"))
			.noneMatch(uri -> uri.contains(Long.toString(trainId)))
			.noneMatch(uri -> uri.contains("not-a-number") || uri.contains("no-such-route"));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "EVALSHA", "GET" })
	void redisCommandsAreTimedByName(String command) {
		assertThat(Prometheus.series(Prometheus.scrape(), "lettuce_seconds_count"))
			.anyMatch(line -> line.contains("db_operation=\"" + command + "\""));
	}

}
