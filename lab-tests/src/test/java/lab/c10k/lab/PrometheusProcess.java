package lab.c10k.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's Prometheus, run as this test's own process (not the package's service): a fresh TSDB in a temporary
 * folder, on a free loopback port, with the flags compose gives it, loaded with the config it is handed.
 */
final class PrometheusProcess implements Prometheus {

    static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final Process process;
    private final URI baseUri;

    private PrometheusProcess(Process process, URI baseUri) {
        this.process = process;
        this.baseUri = baseUri;
    }

    static void requireBinary() {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("No Docker engine answers and there is no " + BINARY + ": install "
                    + "Debian's Prometheus (apt-get install prometheus; .ci/run does it when missing) or start Docker");
        }
    }

    static PrometheusProcess start(String config, Map<String, Integer> targets) {
        requireBinary();
        int port = Ports.free();
        Map<String, String> addresses = new LinkedHashMap<>();
        targets.forEach((target, targetPort) -> addresses.put(target, "127.0.0.1:" + targetPort));
        addresses.put(SELF, "127.0.0.1:" + port);
        try {
            Path home = Files.createTempDirectory(Files.createDirectories(Repository.target("lab")), "prometheus-");
            Path configFile = Files.writeString(home.resolve("prometheus.yml"), NativeTargets.rewrite(config, addresses));
            Path log = home.resolve("prometheus.log");
            Process process = new ProcessBuilder(List.of(BINARY.toString(),
                    "--config.file=" + configFile,
                    "--storage.tsdb.path=" + home.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--web.enable-remote-write-receiver",
                    "--enable-feature=native-histograms"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            PrometheusProcess prometheus = new PrometheusProcess(process, URI.create("http://127.0.0.1:" + port));
            try {
                Processes.awaitAnswer("Prometheus", process, prometheus.baseUri.resolve("/-/ready"),
                        Duration.ofMinutes(1), () -> "see " + log);
            } catch (RuntimeException notReady) {
                prometheus.close();
                throw notReady;
            }
            return prometheus;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + BINARY, e);
        }
    }

    @Override
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(20));
    }
}
