package lab.c10k.conformance.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A route to MySQL or Redis that crosses a real network link, so that a test can partition it: every packet dropped,
 * no reset, no FIN, nothing acknowledged, as when a switch or a firewall between two hosts fails. A {@link FaultProxy}
 * cannot show that: its kernel acknowledges every byte it holds.
 * <p>
 * The route is a network namespace of its own joined to the host by a veth pair on a /30 of 198.18.0.0/15 (RFC 2544's
 * range for testing networks, so it meets no real one). The service connects to the namespace's end; socat, run inside
 * the namespace, forwards each connection back across the veth to a passing {@link FaultProxy} on the host's end, which
 * connects to the server on 127.0.0.1 (where the servers listen only). So each packet between the service and its
 * server crosses the veth twice. A partition is an nftables table inside the namespace whose chains drop every packet
 * in and out; deleting it heals the route, and the connections the service kept resume as TCP retransmits.
 * <p>
 * Needs root (CAP_NET_ADMIN) and iproute2, socat and nftables, which .ci/run installs. Closing removes the namespace,
 * and with it its veth, its rules and socat. A run killed before it could close leaves its namespace behind; the next
 * run removes it (the pid of the JVM that made it is in its name).
 */
public final class NetworkRoute implements AutoCloseable {

    private static final String PREFIX = "c10k-route-";

    private static final String TABLE = "c10k_partition";

    private static final String PARTITION = """
            table inet c10k_partition {
                chain inbound { type filter hook input priority 0; policy drop; }
                chain outbound { type filter hook output priority 0; policy drop; }
            }
            """;

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String IP = tool("ip");

    private static boolean leftoversRemoved;

    private final String name;
    private final String namespace;
    private final String hostInterface;
    private final InetAddress hostAddress;
    private final InetAddress routeAddress;
    private final int port;
    private FaultProxy hostEnd;
    private Process forwarder;
    private volatile boolean partitioned;

    private NetworkRoute(String name, String suffix, InetAddress hostAddress, InetAddress routeAddress, int port) {
        this.name = name;
        this.namespace = PREFIX + ProcessHandle.current().pid() + "-" + suffix;
        this.hostInterface = "c10k" + suffix;
        this.hostAddress = hostAddress;
        this.routeAddress = routeAddress;
        this.port = port;
    }

    /**
     * Opens a route to the server at {@code targetHost:targetPort}: the service then connects to {@link #host()} on
     * {@link #port()} (the server's own port number, in the namespace).
     */
    public static NetworkRoute open(String name, String targetHost, int targetPort) {
        removeLeftovers();
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        int base = freeSubnet();
        NetworkRoute route = new NetworkRoute(name, HexFormat.of().formatHex(suffix), address(base + 1),
                address(base + 2), targetPort);
        try {
            route.link();
            // Only once the veth has its address can the proxy bind to it.
            route.hostEnd = FaultProxy.start(name + "-route", route.hostAddress, targetHost, targetPort);
            route.startForwarder();
            return route;
        } catch (RuntimeException | Error e) {
            route.close();
            throw e;
        }
    }

    /** A random /30 of the 32,768 in 198.18.0.0/15 that no interface uses: .1 the host's end, .2 the namespace's. */
    private static int freeSubnet() {
        String inUse = run(null, IP, "-o", "-4", "addr", "show");
        while (true) {
            int base = (198 << 24) | (18 << 16) | (RANDOM.nextInt(1 << 15) << 2);
            if (!inUse.contains(" " + address(base + 1).getHostAddress() + "/")
                    && !inUse.contains(" " + address(base + 2).getHostAddress() + "/")) {
                return base;
            }
        }
    }

    /** The namespace's address, which the service connects to. */
    public String host() {
        return routeAddress.getHostAddress();
    }

    public int port() {
        return port;
    }

    /** Drops every packet to and from the namespace, both ways, until {@link #heal()}. */
    public void partition() {
        inNamespace(PARTITION, tool("nft"), "-f", "-");
        partitioned = true;
    }

    /** Lets packets through again; nothing to do when the route is not partitioned. */
    public void heal() {
        if (partitioned) {
            inNamespace(null, tool("nft"), "delete", "table", "inet", TABLE);
            partitioned = false;
        }
    }

    /**
     * The server stops answering while the route still carries packets: what the service sends is acknowledged (by
     * socat's end in the namespace and by the host's proxy) and held, and nothing comes back, until
     * {@link #answerAgain()}. Partitioned meanwhile, the service's connections then wait for answers with nothing of
     * theirs unacknowledged, which a kernel's retransmission timeout never ends.
     */
    public void holdAnswers() {
        hostEnd.stall();
    }

    /** The server answers again; across a partition, its answers wait on the namespace's side. */
    public void answerAgain() {
        hostEnd.pass();
    }

    private void link() {
        String peer = "veth0";
        run(null, IP, "netns", "add", namespace);
        run(null, IP, "link", "add", hostInterface, "type", "veth", "peer", "name", peer, "netns", namespace);
        run(null, IP, "addr", "add", hostAddress.getHostAddress() + "/30", "dev", hostInterface);
        run(null, IP, "link", "set", hostInterface, "up");
        run(null, IP, "-n", namespace, "addr", "add", routeAddress.getHostAddress() + "/30", "dev", peer);
        run(null, IP, "-n", namespace, "link", "set", peer, "up");
        run(null, IP, "-n", namespace, "link", "set", "lo", "up");
    }

    private void startForwarder() {
        List<String> command = List.of(IP, "netns", "exec", namespace, tool("socat"),
                "TCP-LISTEN:" + port + ",bind=" + host() + ",fork,reuseaddr,backlog=256,nodelay",
                "TCP:" + hostAddress.getHostAddress() + ":" + hostEnd.port() + ",nodelay");
        try {
            forwarder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw missingTool(command, e);
        }
        long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
        // Listening once ss lists it: a probe connection would reach the server and open a session for nothing.
        while (inNamespace(null, tool("ss"), "-Hltn", "sport", "=", ":" + port).isBlank()) {
            if (!forwarder.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("socat did not listen on " + host() + ":" + port + " in namespace "
                        + namespace + " (exit " + (forwarder.isAlive() ? "none" : forwarder.exitValue()) + ")");
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for socat to listen", e);
        }
    }

    private String inNamespace(String input, String... command) {
        List<String> full = new ArrayList<>(List.of(IP, "netns", "exec", namespace));
        full.addAll(List.of(command));
        return run(input, full.toArray(String[]::new));
    }

    @Override
    public void close() {
        if (forwarder != null) {
            // socat forks a child per connection: each would keep the namespace, and its veth, alive.
            forwarder.descendants().forEach(ProcessHandle::destroy);
            forwarder.destroy();
            awaitExit(forwarder.toHandle());
        }
        try {
            removeNamespace(namespace);
            // Gone with its peer once the namespace is; still there if the namespace never got its end.
            runQuietly(IP, "link", "delete", hostInterface);
        } finally {
            if (hostEnd != null) {
                hostEnd.close();
            }
        }
    }

    /** Namespaces of runs killed before they could close theirs: their JVM is gone, so no one else uses them. */
    private static synchronized void removeLeftovers() {
        if (leftoversRemoved) {
            return;
        }
        leftoversRemoved = true;
        for (String line : run(null, IP, "netns", "list").lines().toList()) {
            String namespace = line.split(" ")[0];
            if (!namespace.startsWith(PREFIX)) {
                continue;
            }
            String[] parts = namespace.substring(PREFIX.length()).split("-");
            boolean ownerAlive = parts.length == 2 && parts[0].matches("\\d+")
                    && ProcessHandle.of(Long.parseLong(parts[0])).isPresent();
            if (!ownerAlive) {
                removeNamespace(namespace);
            }
        }
    }

    /** Ends what still runs inside the namespace (only socat, which a route started), then deletes it. */
    private static void removeNamespace(String namespace) {
        for (String pid : runQuietly(IP, "netns", "pids", namespace).lines().map(String::strip).toList()) {
            if (pid.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(process -> {
                    process.destroy();
                    awaitExit(process);
                });
            }
        }
        runQuietly(IP, "netns", "delete", namespace);
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private static String runQuietly(String... command) {
        try {
            return run(null, command);
        } catch (IllegalStateException e) {
            return "";
        }
    }

    /** Runs a command to its end and returns its output; fails the test, with that output, if it fails. */
    private static String run(String input, String... command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw missingTool(List.of(command), e);
        }
        try (var stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write to " + String.join(" ", command), e);
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end in " + COMMAND_TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "; a network namespace needs root): " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the output of " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }

    private static IllegalStateException missingTool(List<String> command, IOException e) {
        return new IllegalStateException("Could not run " + String.join(" ", command)
                + ": a partition test needs iproute2, socat and nftables (.ci/run installs them) and root", e);
    }

    /** The tool's full path: a build's PATH may lack the sbin folders, where Debian puts ip and nft. */
    private static String tool(String name) {
        List<String> folders = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        folders.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        return folders.stream().filter(folder -> !folder.isBlank()).map(folder -> Path.of(folder, name))
                .filter(Files::isExecutable).findFirst().map(Path::toString).orElse(name);
    }

    private static InetAddress address(int ipv4) {
        try {
            return InetAddress.getByAddress(new byte[]{
                    (byte) (ipv4 >>> 24), (byte) (ipv4 >>> 16), (byte) (ipv4 >>> 8), (byte) ipv4});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + " route " + host() + ":" + port + " through namespace " + namespace + " to " + hostEnd;
    }
}
