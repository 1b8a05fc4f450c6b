package lab.c10k.conformance.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Redis Cluster of three masters and no replicas on 127.0.0.1, made from Debian's {@code redis-server} and
 * {@code redis-cli} (packages redis-server and redis-tools; {@code .ci/run} installs them): three
 * {@code redis-server --cluster-enabled yes} processes in a temporary folder, joined by
 * {@code redis-cli --cluster create}. Closing it stops them and deletes the folder. Nothing is kept on disk but
 * each node's cluster config, which Redis requires.
 */
public final class LocalRedisCluster implements AutoCloseable {

    private static final int MASTERS = 3;

    /** Redis Cluster's bus listens on each node's port + 10000. */
    private static final int BUS_OFFSET = 10_000;

    private static final Duration READY_BOUND = Duration.ofSeconds(30);

    private final Path dir;
    private final List<Integer> ports;
    private final List<Process> nodes = new ArrayList<>();

    /** A test JVM stopped before JUnit closes the run (Ctrl-C, a Surefire timeout) must not leave nodes behind. */
    private final Thread stopAtExit = new Thread(this::stopNodes, "stop-redis-cluster");

    private LocalRedisCluster(Path dir, List<Integer> ports) {
        this.dir = dir;
        this.ports = ports;
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    public static LocalRedisCluster start() {
        LocalRedisCluster cluster;
        try {
            cluster = new LocalRedisCluster(Files.createTempDirectory("c10k-redis-cluster-"), freePorts());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            cluster.startNodes();
            cluster.create();
            cluster.awaitReady();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** What {@code spring.data.redis.cluster.nodes} takes: {@code 127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}. */
    public String nodes() {
        return ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    private void startNodes() {
        for (int port : ports) {
            Path log = dir.resolve("redis-" + port + ".log");
            nodes.add(run(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                    "--cluster-node-timeout", "5000", "--dir", dir.toString(), "--save", "", "--appendonly", "no",
                    "--logfile", log.toString()), false));
        }
        for (int port : ports) {
            awaitOutput(List.of("redis-cli", "-p", String.valueOf(port), "ping"), "PONG");
        }
    }

    private void create() {
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        ports.forEach(port -> command.add("127.0.0.1:" + port));
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        String output = output(command);
        if (!output.contains("All 16384 slots covered")) {
            throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
        }
    }

    /** Every node must see the cluster as up before a client may rely on its topology. */
    private void awaitReady() {
        for (int port : ports) {
            awaitOutput(List.of("redis-cli", "-p", String.valueOf(port), "cluster", "info"), "cluster_state:ok");
        }
    }

    private void awaitOutput(List<String> command, String expected) {
        Instant deadline = Instant.now().plus(READY_BOUND);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            last = output(command);
            if (last.contains(expected)) {
                return;
            }
            pause();
        }
        throw new IllegalStateException(String.join(" ", command) + " did not answer " + expected + " within "
                + READY_BOUND + "; last: " + last);
    }

    private String output(List<String> command) {
        Process process = run(command, true);
        try {
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(READY_BOUND.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Process run(List<String> command, boolean captureOutput) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        if (!captureOutput) {
            builder.redirectOutput(dir.resolve("stdout-" + nodes.size() + ".log").toFile());
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command.getFirst()
                    + " (Debian: apt-get install redis-server redis-tools)", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Ports the kernel just handed out whose bus port (+10000) is free as well. */
    private static List<Integer> freePorts() throws IOException {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < MASTERS) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (port + BUS_OFFSET <= 65_535 && isFree(port + BUS_OFFSET) && !ports.contains(port)) {
                    ports.add(port);
                }
            }
        }
        return ports;
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException alreadyExiting) {
            // The hook runs, or ran, anyway.
        }
        stopNodes();
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stopNodes() {
        // Every node is told first, so they stop together rather than one grace period after another.
        nodes.forEach(Process::destroy);
        nodes.forEach(node -> Processes.stop(node, Duration.ofSeconds(10)));
    }
}
