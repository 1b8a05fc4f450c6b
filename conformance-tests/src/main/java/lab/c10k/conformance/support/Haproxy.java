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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The real HAProxy (Debian's {@code /usr/sbin/haproxy}, or {@code C10K_TEST_HAPROXY}) in front of instances of the
 * service under test, as its own process on free ports, with the balancing rules of the compose profile
 * (haproxy/haproxy.cfg): round robin, health checks on the readiness group, a connection that fails or dies before
 * any answer retried on another instance (safe: a purchase is idempotent by its requestId), and every answer HAProxy
 * itself gives (no instance could answer) the contract's {@code 503 unavailable} with {@code Retry-After: 1}.
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

    /** Writes the config to target/instances, checks it with {@code haproxy -c}, starts HAProxy in the foreground. */
    public static Haproxy start(List<InstanceProcess> instances) {
        int port = InstanceProcess.freePort();
        int statsPort = InstanceProcess.freePort();
        Path dir = Path.of("target", "instances").toAbsolutePath();
        Path config = dir.resolve("haproxy.cfg");
        Path unavailable = dir.resolve("unavailable.http");
        Path log = dir.resolve("haproxy.log");
        Map<String, Integer> servers = instances.stream()
                .collect(Collectors.toMap(InstanceProcess::name, InstanceProcess::port, (a, b) -> a,
                        java.util.LinkedHashMap::new));
        try {
            Files.createDirectories(dir);
            Files.writeString(unavailable, unavailableAnswer(ServiceUnderTest.expectedModel()));
            Files.writeString(config, config(port, statsPort, servers, unavailable));
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

    static String config(int port, int statsPort, Map<String, Integer> servers, Path unavailable) {
        String serverLines = servers.entrySet().stream()
                .map(server -> "    server " + server.getKey() + " 127.0.0.1:" + server.getValue() + " check\n")
                .collect(Collectors.joining());
        return """
                global
                    maxconn 4096

                defaults
                    mode http
                    timeout connect 2s
                    timeout client 45s
                    # Above the longest long poll a client may ask for (waitMs 30000).
                    timeout server 45s
                    timeout http-request 10s
                    timeout queue 5s
                    # A connection refused, or closed before any answer (the instance died), is tried again on
                    # another instance: a purchase is idempotent by its requestId, so no seat is sold twice.
                    retries 2
                    option redispatch 1
                    retry-on conn-failure empty-response junk-response
                    # HAProxy's own answers, when no instance could give one, are the contract's 503.
                    errorfile 502 %3$s
                    errorfile 503 %3$s
                    errorfile 504 %3$s

                frontend c10k
                    bind 127.0.0.1:%1$d
                    default_backend instances

                backend instances
                    balance roundrobin
                    option httpchk
                    http-check send meth GET uri /actuator/health/readiness
                    http-check expect status 200
                    default-server inter 500ms fall 2 rise 2
                %4$s
                frontend stats
                    bind 127.0.0.1:%2$d
                    stats enable
                    stats uri /stats
                """.formatted(port, statsPort, unavailable, serverLines);
    }

    /** A whole HTTP answer, as HAProxy's errorfile wants it: the contract's 503 for the model behind it. */
    static String unavailableAnswer(String model) {
        String body = "{\"type\":\"/problems/unavailable\",\"title\":\"Service Unavailable\",\"status\":503,"
                + "\"detail\":\"No instance could answer; retry with the same requestId.\"}";
        return "HTTP/1.1 503 Service Unavailable\r\n"
                + "Content-Type: application/problem+json\r\n"
                + "Retry-After: 1\r\n"
                + "X-Concurrency-Model: " + model + "\r\n"
                + "Cache-Control: no-cache\r\n"
                + "Connection: close\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "\r\n"
                + body;
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
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
