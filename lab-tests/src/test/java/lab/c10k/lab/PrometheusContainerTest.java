package lab.c10k.lab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the lab test hands Docker where an engine answers, checked here without one: the image and command it runs are
 * compose's own, so the container is the Prometheus that {@code docker compose up} starts.
 */
class PrometheusContainerTest {

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void runsComposesPinnedImage() {
        assertThat(PrometheusContainer.image(compose)).matches("prom/prometheus:v\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void runsComposesCommandOnTheConfigItCopiesIn() {
        assertThat(PrometheusContainer.command(compose))
                .isEqualTo(compose.command("prometheus"))
                .contains("--config.file=/etc/prometheus/prometheus.yml", "--web.enable-remote-write-receiver");
    }
}
