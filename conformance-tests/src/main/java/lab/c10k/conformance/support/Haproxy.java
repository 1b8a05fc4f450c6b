package lab.c10k.conformance.support;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The real HAProxy (Debian's {@code /usr/sbin/haproxy}, or {@code C10K_TEST_HAPROXY}) in front of instances of the
 * service under test, as its own process on free ports, with the compose profile's own rules (haproxy/haproxy.cfg):
 * round robin, health checks on the readiness group, a connection that fails or dies before any answer retried on
 * another instance (safe: a purchase is idempotent by its requestId), and every answer HAProxy itself gives (no
 * instance could answer) the contract's {@code 503 unavailable} with {@code Retry-After: 1} (haproxy/errors).
 */
public final class Haproxy implements AutoCloseable {

    private static final Duration UP_WITHIN = Duration.ofSeconds(30);

    private static final HttpClient STATS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final int statsPort;
    private final List<String> servers;
    private final Path log;

    private Haproxy(Process process, int port, int statsPort, List<String> servers, Path log) {
        this.process = process;
        this.port = port;
        this.statsPort = statsPort;
        this.servers = servers;
        this.log = log;
    }

    /**
     * Writes the config to target/instances: the repository's haproxy/haproxy.cfg {@code defaults} (timeouts, retries,
     * health checks) and its errorfile of this model, with these instances as static servers in place of the pool's
     * DNS discovery; checks it with {@code haproxy -c}, then starts HAProxy in the foreground.
     */
    public static Haproxy start(List<InstanceProcess> instances) {
        int port = InstanceProcess.freePort();
        int statsPort = InstanceProcess.freePort();
        Path dir = Path.of("target", "instances").toAbsolutePath();
        Path config = dir.resolve("haproxy.cfg");
        Path log = dir.resolve("haproxy.log");
        Map<String, Integer> servers = new LinkedHashMap<>();
        instances.forEach(instance -> servers.put(instance.name(), instance.port()));
        try {
            Path repository = repositoryConfig();
            Path unavailable = repository.resolveSibling("errors").resolve(ServiceUnderTest.expectedModel() + ".http");
            Files.createDirectories(dir);
            Files.writeString(config, config(defaults(Files.readString(repository)), port, statsPort, servers,
                    unavailable));
            run(List.of(binary(), "-c", "-q", "-f", config.toString()), "check of " + config);
            Process process = new ProcessBuilder(binary(), "-db", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Haproxy(process, port, statsPort, List.copyOf(servers.keySet()), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start HAProxy", e);
        }
    }

    private static String binary() {
        return Settings.get("C10K_TEST_HAPROXY", "/usr/sbin/haproxy");
    }

    /** haproxy/haproxy.cfg, found from the module the tests run in upwards. */
    private static Path repositoryConfig() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path config = dir.resolve("haproxy").resolve("haproxy.cfg");
            if (Files.isRegularFile(config)) {
                return config;
            }
        }
        throw new IllegalStateException("No haproxy/haproxy.cfg above " + Path.of("").toAbsolutePath());
    }

    /** The body of the {@code defaults} section, without its {@code default-server} line (the pools' DNS). */
    static String defaults(String config) {
        List<String> lines = config.lines().toList();
        int from = lines.indexOf("defaults") + 1;
        if (from == 0) {
            throw new IllegalStateException("haproxy/haproxy.cfg has no defaults section");
        }
        StringBuilder body = new StringBuilder();
        for (String line : lines.subList(from, lines.size())) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                break;
            }
            if (!line.strip().startsWith("default-server")) {
                body.append(line).append('\n');
            }
        }
        return body.toString();
    }

    static String config(String defaults, int port, int statsPort, Map<String, Integer> servers, Path unavailable) {
        String serverLines = servers.entrySet().stream()
                .map(server -> "    server " + server.getKey() + " 127.0.0.1:" + server.getValue() + "\n")
                .collect(Collectors.joining());
        return """
                global
                    maxconn 4096
                    # Each request's timers and termination state, in target/instances/haproxy.log.
                    log stdout format raw local0 info

                defaults
                %1$s
                frontend c10k
                    bind 127.0.0.1:%2$d
                    default_backend instances

                backend instances
                    balance roundrobin
                    # As each backend of haproxy/haproxy.cfg: every request but a long poll answered within 15 s.
                    http-request set-timeout server 15s unless { path_end /updates }
                    errorfile 502 %4$s
                    errorfile 503 %4$s
                    errorfile 504 %4$s
                    # Checks more often than the compose profile's, so that a test waits less for a start.
                    default-server inter 500ms fall 2 rise 2 check
                %5$s
                frontend stats
                    bind 127.0.0.1:%3$d
                    stats enable
                    stats uri /stats
                """.formatted(defaults, port, statsPort, unavailable, serverLines);
    }

    private static void run(List<String> command, String what) throws IOException {
        Process check = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (check.waitFor() != 0) {
                throw new AssertionError("HAProxy rejected its config (" + what + "):\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Where clients reach the instances, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Waits until HAProxy's health checks see every instance UP, so that round robin spreads over all of them. */
    public Haproxy awaitAllUp() {
        Awaitility.await("every instance UP in HAProxy (its log: " + log + ")")
                .atMost(UP_WITHIN)
                .pollInterval(Duration.ofMillis(200))
                .ignoreException(IOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("HAProxy exited with " + process.exitValue() + ", see " + log);
                    }
                    Map<String, String> status = statuses();
                    return servers.stream().allMatch(server -> "UP".equals(status.get(server)));
                });
        return this;
    }

    /** Each server's health as HAProxy sees it (UP, DOWN, ...), from its CSV statistics. */
    public Map<String, String> statuses() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats;csv"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        List<String> lines = STATS.send(request, HttpResponse.BodyHandlers.ofString()).body().lines().toList();
        List<String> header = Arrays.asList(lines.getFirst().replaceFirst("^# ", "").split(","));
        int proxy = header.indexOf("pxname");
        int server = header.indexOf("svname");
        int status = header.indexOf("status");
        return IntStream.range(1, lines.size()).mapToObj(i -> lines.get(i).split(","))
                .filter(row -> row.length > status && "instances".equals(row[proxy]) && servers.contains(row[server]))
                .collect(Collectors.toMap(row -> row[server], row -> row[status]));
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(10));
    }
}
