package lab.c10k.service.system;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ServerMetricsTest {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({
			"/api/ping,                    /api/ping",
			"/api/trains,                  /api/trains",
			"/api/trains?limit=5,          /api/trains",
			"/api/trains/42,               /api/trains/{id}",
			"/api/trains/abc,              /api/trains/{id}",
			"/api/trains/42/tickets,       /api/trains/{id}/tickets",
			"/api/trains/42/updates?waitMs=10, /api/trains/{id}/updates",
			"/api/trains/42/audit,         /api/trains/{id}/audit",
			"/api/tickets/7,               /api/tickets/{id}",
			"/actuator/prometheus,         /actuator/prometheus",
			"/api/trains/,                 UNKNOWN",
			"/api/trains/42/seats,         UNKNOWN",
			"/actuator/env,                UNKNOWN",
			"/random/123,                  UNKNOWN",
	})
	void pathsBecomeRouteTemplates(String path, String template) {
		assertThat(ServerMetrics.uriTemplate(path)).isEqualTo(template);
	}

}
