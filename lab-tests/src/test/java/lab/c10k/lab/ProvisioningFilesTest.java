package lab.c10k.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Grafana's provisioning and Prometheus' config: the names and paths the rest of the lab relies on. */
class ProvisioningFilesTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private static JsonNode yaml(String file) throws IOException {
        return YAML.readTree(Files.readString(Repository.file(file)));
    }

    @Test
    void grafanaHasThePrometheusOfComposeUnderTheDashboardsUid() throws IOException {
        JsonNode datasource = yaml("grafana/provisioning/datasources/prometheus.yaml").path("datasources").path(0);

        assertThat(datasource.path("uid").asString()).isEqualTo("c10k-prometheus");
        assertThat(datasource.path("type").asString()).isEqualTo("prometheus");
        assertThat(datasource.path("url").asString()).isEqualTo("http://prometheus:9090");
    }

    @Test
    void grafanaLoadsTheDashboardsFromTheirMountedFolder() throws IOException {
        JsonNode provider = yaml("grafana/provisioning/dashboards/c10k.yaml").path("providers").path(0);

        assertThat(provider.path("type").asString()).isEqualTo("file");
        assertThat(provider.path("options").path("path").asString()).isEqualTo("/var/lib/grafana/dashboards");
    }

    @Test
    void prometheusScrapesEachServiceEveryFiveSecondsOnActuator() throws IOException {
        JsonNode config = yaml("prometheus/prometheus.yml");
        Map<String, JsonNode> jobs = new LinkedHashMap<>();
        config.path("scrape_configs").forEach(job -> jobs.put(job.path("job_name").asString(), job));

        assertThat(config.path("global").path("scrape_interval").asString()).isEqualTo("5s");
        for (String service : Repository.SERVICES) {
            assertThat(jobs).containsKey(service);
            assertThat(jobs.get(service).path("metrics_path").asString()).isEqualTo("/actuator/prometheus");
            assertThat(jobs.get(service).path("static_configs").path(0).path("targets").path(0).asString())
                    .isEqualTo(service + ":8080");
        }
        assertThat(jobs).containsKey("prometheus");
    }

    @Test
    void theNativeRunChangesOnlyTheTargets() throws IOException {
        String config = Files.readString(Repository.file("prometheus/prometheus.yml"));
        Map<String, String> ports = new LinkedHashMap<>();
        ports.put("blocking-service:8080", "127.0.0.1:18081");
        ports.put("reactive-service:8080", "127.0.0.1:18082");
        ports.put("virtual-thread-service:8080", "127.0.0.1:18083");
        ports.put(Prometheus.SELF, "127.0.0.1:19090");

        List<String> before = config.lines().toList();
        List<String> after = NativeTargets.rewrite(config, ports).lines().toList();

        assertThat(after).hasSameSizeAs(before);
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed.add(i);
                assertThat(before.get(i)).matches(" *- targets: \\[\"[a-z-]+:\\d+\"]");
                assertThat(after.get(i)).matches(" *- targets: \\[\"127\\.0\\.0\\.1:\\d+\"]");
            }
        }
        assertThat(changed).hasSize(ports.size());
    }

    /** Debian's Prometheus 2.42 (the lab test's) accepts the config; no 3.x installs here, so it keeps to keys both take. */
    @ParameterizedTest
    @ValueSource(strings = {"prometheus/prometheus.yml", "prometheus/scale.yml"})
    void promtoolAcceptsTheConfig(String config) throws IOException, InterruptedException {
        Process promtool = new ProcessBuilder("/usr/bin/promtool", "check", "config",
                Repository.file(config).toString())
                .redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes());

        assertThat(promtool.waitFor()).as(output).isZero();
    }
}
