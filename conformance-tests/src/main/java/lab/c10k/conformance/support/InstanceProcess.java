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
import java.util.List;

/**
 * One more instance of the service under test, as its own operating-system process (a JVM of its own, on the test's
 * classpath, with the flags every start uses), on the run's database and Redis key prefix, straight to MySQL and Redis.
 * Unlike {@link ServiceUnderTest#startAnother} it can die the way a machine or an OOM killer ends it: {@link #kill()}
 * is SIGKILL, no shutdown hook runs.
 */
public record InstanceProcess(String name, int port, Process process, Path log) implements AutoCloseable {

    /** A Spring start on a loaded 2-core machine; a start that never gets ready fails the test, it is not timed. */
    private static final Duration READY_WITHIN = Duration.ofSeconds(180);

    /** More than spring.lifecycle.timeout-per-shutdown-phase (20 s): a graceful stop is not cut short. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

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
        command.add("--server.port=" + port);
        // The run's data, as the in-JVM instance gets it, but straight to MySQL and Redis (no fault links between).
        RunningService.dataProperties(ServiceUnderTest.servers().mysql(), ServiceUnderTest.servers().redis(),
                        ServiceUnderTest.database(), ServiceUnderTest.redisKeyPrefix())
                .forEach((property, value) -> command.add("--" + property + "=" + value));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new InstanceProcess(name, port, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
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
        Processes.stop(process, STOP_GRACE);
    }

    @Override
    public String toString() {
        return name + " on " + baseUri();
    }
}
