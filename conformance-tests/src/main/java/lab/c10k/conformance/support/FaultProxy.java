package lab.c10k.conformance.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 that a test switches at run time between passing traffic and a fault: the link between
 * the service under test and MySQL or Redis. No library fitted without a Docker engine or a server binary
 * (Toxiproxy needs its own), so it is written here: blocking sockets, two virtual threads per connection.
 * <p>
 * A stall holds what was already read and forwards it when the link passes again, as a frozen server processes what
 * sat in its socket buffer once it wakes: a statement that the client gave up on may still run, late.
 */
public final class FaultProxy implements AutoCloseable {

    public enum Mode {
        /** Forward both ways. */
        PASS,
        /** Reset every open connection, and each new one as soon as it is accepted. */
        CUT,
        /** Accept and keep connections, forward nothing either way. */
        STALL,
        /** Forward, each chunk after a delay. */
        SLOW
    }

    private final String name;
    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
    private final Object modeChanged = new Object();
    private volatile Mode mode = Mode.PASS;
    private volatile Duration delay = Duration.ZERO;
    private volatile Duration subscriptionDelay = Duration.ZERO;

    private FaultProxy(String name, InetAddress bindAddress, InetSocketAddress target) throws IOException {
        this.name = name;
        this.target = target;
        this.server = new ServerSocket(0, 200, bindAddress);
        awaitParked(Thread.ofVirtual().name(name + "-proxy-accept").start(this::acceptLoop));
    }

    /**
     * The first virtual thread to block on a socket initialises the JDK's I/O poller, and another one blocking
     * meanwhile pins its carrier until that is done (which virtual-thread-service's pinning check reports): so the
     * next proxy starts only once this one's acceptor is parked.
     */
    private static void awaitParked(Thread acceptor) {
        while (acceptor.isAlive() && acceptor.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
    }

    /** Listens on an ephemeral port of 127.0.0.1 and forwards to the target, passing traffic until told otherwise. */
    public static FaultProxy start(String name, String targetHost, int targetPort) {
        return start(name, InetAddress.getLoopbackAddress(), targetHost, targetPort);
    }

    /** Listens on an ephemeral port of this local address instead (a {@link NetworkRoute}'s end of its veth). */
    public static FaultProxy start(String name, InetAddress bindAddress, String targetHost, int targetPort) {
        try {
            return new FaultProxy(name, bindAddress, new InetSocketAddress(targetHost, targetPort));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the " + name + " proxy", e);
        }
    }

    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    public int port() {
        return server.getLocalPort();
    }

    public Mode mode() {
        return mode;
    }

    /** Forwards everything at once again, subscriptions included. */
    public void pass() {
        subscriptionDelay = Duration.ZERO;
        switchTo(Mode.PASS);
    }

    public void cut() {
        switchTo(Mode.CUT);
        connections.forEach(ProxiedConnection::reset);
    }

    public void stall() {
        switchTo(Mode.STALL);
    }

    public void slow(Duration perChunk) {
        delay = perChunk;
        switchTo(Mode.SLOW);
    }

    /**
     * Delays what the server sends to connections that subscribed (a Redis SUBSCRIBE or PSUBSCRIBE went up them), and
     * nothing else: a published message then reaches the service after the replies to commands sent after it, as it
     * can by chance when the subscription's connection is busy. Ends with {@link #pass()}.
     */
    public void delaySubscriptions(Duration perChunk) {
        subscriptionDelay = perChunk;
    }

    private void switchTo(Mode next) {
        synchronized (modeChanged) {
            mode = next;
            modeChanged.notifyAll();
        }
    }

    /**
     * Called before each chunk is sent: blocks while stalled, sleeps when slow or when it goes to a subscription that is
     * delayed; false when cut (drop the chunk).
     */
    boolean awaitForwarding(boolean toSubscriber) {
        try {
            synchronized (modeChanged) {
                while (mode == Mode.STALL) {
                    modeChanged.wait();
                }
            }
            if (mode == Mode.SLOW) {
                Thread.sleep(delay);
            }
            Duration toSubscription = subscriptionDelay;
            if (toSubscriber && toSubscription.isPositive()) {
                Thread.sleep(toSubscription);
            }
            return mode != Mode.CUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().name(name + "-proxy-connect").start(() -> open(client));
            } catch (IOException e) {
                // The server socket was closed: the proxy is shut.
            }
        }
    }

    private void open(Socket client) {
        if (mode == Mode.CUT) {
            ProxiedConnection.reset(client);
            return;
        }
        ProxiedConnection.open(this, name, client, target, connections);
        if (mode == Mode.CUT) {
            // Cut while connecting: the loop over open connections may have missed this one.
            connections.forEach(ProxiedConnection::reset);
        }
    }

    @Override
    public void close() {
        switchTo(Mode.CUT);
        try {
            server.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
        connections.forEach(ProxiedConnection::reset);
    }

    @Override
    public String toString() {
        return name + " proxy " + host() + ":" + port() + " -> " + target + " (" + mode + ")";
    }
}
