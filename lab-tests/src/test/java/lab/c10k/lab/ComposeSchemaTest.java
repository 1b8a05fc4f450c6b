package lab.c10k.lab;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml is a valid Compose file: what {@code docker compose config} would check first. */
class ComposeSchemaTest {

    private final ComposeSchema schema = ComposeSchema.load();

    @Test
    void composeFileFollowsTheComposeSpecification() {
        assertThat(schema.violations(ComposeFile.load().json())).isEmpty();
    }

    @Test
    void aKeyTheSpecificationDoesNotKnowIsRejected() {
        ComposeFile broken = ComposeFile.load();
        broken.service("redis").put("restart_policy", "always");

        assertThat(schema.violations(broken.json()))
                .anySatisfy(violation -> assertThat(violation).contains("/services/redis").contains("restart_policy"));
    }

    @Test
    void aHealthcheckIntervalThatIsNoDurationIsRejected() {
        ComposeFile broken = ComposeFile.load();
        Yaml11.map(broken.service("mysql").get("healthcheck"), "healthcheck").put("interval", "five seconds");

        assertThat(schema.violations(broken.json()))
                .anySatisfy(violation -> assertThat(violation).contains("/services/mysql/healthcheck/interval"));
    }

    @Test
    void aDependencyWithoutAConditionIsRejected() {
        ComposeFile broken = ComposeFile.load();
        broken.service("grafana").put("depends_on", Map.of("prometheus", Map.of("restart", true)));

        assertThat(schema.violations(broken.json()))
                .anySatisfy(violation -> assertThat(violation).contains("/services/grafana/depends_on"));
    }
}
