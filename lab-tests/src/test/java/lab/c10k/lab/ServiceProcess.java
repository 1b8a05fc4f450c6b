package lab.c10k.lab;

import lab.c10k.conformance.support.RunNamespace;
import lab.c10k.conformance.support.TestServers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service started from its packaged jar as its own process, the way the image starts it ({@code java
 * @docker/jvm.options -jar ...}), configured only through Spring Boot's environment variables: its port, its own
 * database and Redis key prefix.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static ServiceProcess start(String module, int port, RunNamespace namespace) {
        return start(module, port, namespace, module);
    }

    /** As above, logging to target/lab/{@code logName}.log, for a test that starts one module more than once. */
    static ServiceProcess start(String module, int port, RunNamespace namespace, String logName) {
        Path log = Repository.target("lab/" + logName + ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(),
                "@" + Repository.file("docker/jvm.options"), "-jar", Repository.jar(module).toString()))
                .directory(Repository.ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment(port, namespace));
        try {
            Files.createDirectories(log.getParent());
            return new ServiceProcess(module, port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + module, e);
        }
    }

    /** Spring Boot's standard variables; the same set serves the JDBC and the R2DBC service. */
    private static Map<String, String> environment(int port, RunNamespace namespace) {
        TestServers.Mysql mysql = namespace.servers().mysql();
        TestServers.Redis redis = namespace.servers().redis();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("SPRING_DATASOURCE_URL", namespace.jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", mysql.user());
        env.put("SPRING_DATASOURCE_PASSWORD", mysql.password());
        env.put("SPRING_FLYWAY_URL", namespace.jdbcUrl());
        env.put("SPRING_FLYWAY_USER", mysql.user());
        env.put("SPRING_FLYWAY_PASSWORD", mysql.password());
        env.put("SPRING_R2DBC_URL", namespace.r2dbcUrl());
        env.put("SPRING_R2DBC_USERNAME", mysql.user());
        env.put("SPRING_R2DBC_PASSWORD", mysql.password());
        env.put("SPRING_DATA_REDIS_HOST", redis.host());
        env.put("SPRING_DATA_REDIS_PORT", String.valueOf(redis.port()));
        env.put("C10K_REDIS_KEYPREFIX", namespace.redisKeyPrefix());
        return env;
    }

    String name() {
        return name;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Waits until actuator's health answers 200; fails early, with the end of its log, when the process exits. */
    void awaitHealthy(Duration bound) {
        Processes.awaitAnswer(name, process, baseUri().resolve("/actuator/health"), bound,
                () -> "the end of " + log + ":\n" + logTail());
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Asks it to stop (SIGTERM) without waiting, so that several services shut down together. */
    void signalStop() {
        process.destroy();
    }

    /** Whether the process ended within {@code bound}. */
    boolean awaitExit(Duration bound) throws InterruptedException {
        return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() {
        Processes.stop(process, STOP_GRACE);
    }
}
