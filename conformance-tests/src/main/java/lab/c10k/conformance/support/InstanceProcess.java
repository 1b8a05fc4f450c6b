package lab.c10k.conformance.support;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One more instance of the service under test, as its own operating-system process (a JVM of its own, on the test's
 * classpath, with the flags every start uses), on the run's database and Redis key prefix, straight to MySQL and Redis.
 * Unlike {@link ServiceUnderTest#startAnother} it can die the way a machine or an OOM killer ends it: {@link #kill()}
 * is SIGKILL, no shutdown hook runs.
 */
public final class InstanceProcess implements AutoCloseable {

    /** A Spring start on a loaded 2-core machine; a start that never gets ready fails the test, it is not timed. */
    private static final Duration READY_WITHIN = Duration.ofSeconds(180);

    /** More than spring.lifecycle.timeout-per-shutdown-phase (20 s): a graceful stop is not cut short. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private InstanceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts it on a free port, logging to target/instances/{@code name}.log; {@link #awaitReady()} waits for it. */
    public static InstanceProcess start(String name) {
        int port = freePort();
        Path log = Path.of("target", "instances", name + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // docker/jvm.options' flags that matter here, with a heap fit for three JVMs on one test machine.
                "-Xmx384m", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED",
                // Surefire sets java.class.path to the test classpath: the service's classes and dependencies.
                "-cp", System.getProperty("java.class.path"),
                Settings.required("c10k.service.class")));
        properties(port).forEach((property, value) -> command.add("--" + property + "=" + value));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new InstanceProcess(name, port, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /** The run's data, as {@link RunningService} gives it to the in-JVM instance, but with no fault link between. */
    private static Map<String, String> properties(int port) {
        TestServers.Mysql mysql = ServiceUnderTest.servers().mysql();
        TestServers.Redis redis = ServiceUnderTest.servers().redis();
        String database = ServiceUnderTest.database();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", String.valueOf(port));
        properties.put("spring.datasource.url", mysql.jdbcUrl(database));
        properties.put("spring.datasource.username", mysql.user());
        properties.put("spring.datasource.password", mysql.password());
        properties.put("spring.flyway.url", mysql.jdbcUrl(database));
        properties.put("spring.flyway.user", mysql.user());
        properties.put("spring.flyway.password", mysql.password());
        properties.put("spring.r2dbc.url", mysql.r2dbcUrl(database));
        properties.put("spring.r2dbc.username", mysql.user());
        properties.put("spring.r2dbc.password", mysql.password());
        properties.put("spring.data.redis.host", redis.host());
        properties.put("spring.data.redis.port", String.valueOf(redis.port()));
        properties.put("c10k.redis.key-prefix", ServiceUnderTest.redisKeyPrefix());
        return properties;
    }

    /** A port nobody listens on now; the child binds it a moment later (the same race every such helper accepts). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Waits until its readiness group answers 200, the probe the load balancer uses; fails when the process exits. */
    public InstanceProcess awaitReady() {
        Awaitility.await(name + " ready (its log: " + log + ")")
                .atMost(READY_WITHIN)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(name + " exited with " + process.exitValue() + "; the end of its log:\n"
                                + logTail());
                    }
                    return ready();
                });
        return this;
    }

    private boolean ready() {
        try {
            HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL, and waits until the process is gone: what a crash does, no shutdown hook, no drain. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGTERM, a graceful stop within its bound, else SIGKILL. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " on " + baseUri();
    }
}
