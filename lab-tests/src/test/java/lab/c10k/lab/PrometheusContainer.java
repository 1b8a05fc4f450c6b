package lab.c10k.lab;

import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus of docker-compose.yml where a Docker engine answers: its image and its command, read from the file,
 * with the repository's config copied to the path compose mounts it on. The services run on this machine, so each
 * target becomes the container's name for a host port Testcontainers exposes to it.
 */
final class PrometheusContainer implements Prometheus {

    private static final String SERVICE = "prometheus";
    private static final String CONFIG_PATH = "/etc/prometheus/prometheus.yml";
    private static final int PORT = 9090;

    private final GenericContainer<?> container;

    private PrometheusContainer(GenericContainer<?> container) {
        this.container = container;
    }

    @SuppressWarnings("resource")
    static PrometheusContainer start(String config, Map<String, Integer> targets) {
        ComposeFile compose = ComposeFile.load();
        Map<String, String> addresses = new LinkedHashMap<>();
        targets.forEach((target, port) -> addresses.put(target, GenericContainer.INTERNAL_HOST_HOSTNAME + ":" + port));
        addresses.put(SELF, "localhost:" + PORT);
        Testcontainers.exposeHostPorts(targets.values().stream().mapToInt(Integer::intValue).toArray());
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image(compose)))
                .withAccessToHost(true)
                .withCopyToContainer(Transferable.of(NativeTargets.rewrite(config, addresses)), CONFIG_PATH)
                .withCommand(command(compose).toArray(String[]::new))
                .withExposedPorts(PORT)
                .waitingFor(Wait.forHttp("/-/ready").forPort(PORT).withStartupTimeout(Duration.ofMinutes(2)));
        container.start();
        return new PrometheusContainer(container);
    }

    static String image(ComposeFile compose) {
        return String.valueOf(compose.service(SERVICE).get("image"));
    }

    static List<String> command(ComposeFile compose) {
        List<String> command = compose.command(SERVICE);
        if (!command.contains("--config.file=" + CONFIG_PATH)) {
            throw new IllegalStateException(ComposeFile.PATH + " no longer loads " + CONFIG_PATH + " in " + SERVICE);
        }
        return command;
    }

    @Override
    public URI baseUri() {
        return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(PORT));
    }

    @Override
    public void close() {
        container.stop();
    }
}
