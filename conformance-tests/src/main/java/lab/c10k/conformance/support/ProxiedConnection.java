package lab.c10k.conformance.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** One client connection through a {@link FaultProxy}: its upstream socket and a virtual thread per direction. */
final class ProxiedConnection {

    private final FaultProxy proxy;
    private final Socket client;
    private final Socket upstream;
    private final Set<ProxiedConnection> registry;
    private final AtomicInteger openDirections = new AtomicInteger(2);
    /** Set once the client sent a (P)SUBSCRIBE: this connection carries a Redis subscription. */
    private volatile boolean subscriber;

    private ProxiedConnection(FaultProxy proxy, Socket client, Socket upstream, Set<ProxiedConnection> registry) {
        this.proxy = proxy;
        this.client = client;
        this.upstream = upstream;
        this.registry = registry;
    }

    /** Connects upstream and starts forwarding; resets the client when the target cannot be reached. */
    static void open(FaultProxy proxy, String name, Socket client, InetSocketAddress target,
                     Set<ProxiedConnection> registry) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 2_000);
        } catch (IOException e) {
            reset(client);
            return;
        }
        ProxiedConnection connection = new ProxiedConnection(proxy, client, upstream, registry);
        registry.add(connection);
        Thread.ofVirtual().name(name + "-proxy-up").start(() -> connection.pump(client, upstream));
        Thread.ofVirtual().name(name + "-proxy-down").start(() -> connection.pump(upstream, client));
    }

    /**
     * Copies one direction until end of stream, passed on as a half-close: the other direction goes on, so a peer
     * still reads what was sent before the end (an orderly close, not a reset the proxy made up).
     */
    private void pump(Socket from, Socket to) {
        byte[] chunk = new byte[16 * 1024];
        boolean fromClient = from == client;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                if (fromClient && !subscriber) {
                    subscriber = new String(chunk, 0, n, StandardCharsets.ISO_8859_1)
                            .toUpperCase(Locale.ROOT).contains("SUBSCRIBE");
                }
                if (!proxy.awaitForwarding(!fromClient && subscriber)) {
                    break;
                }
                out.write(chunk, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // Reset by a peer or by a cut: this direction is over.
        } finally {
            if (openDirections.decrementAndGet() == 0) {
                close(client);
                close(upstream);
                registry.remove(this);
            }
        }
    }

    void reset() {
        reset(client);
        reset(upstream);
        registry.remove(this);
    }

    /** Closes with a TCP reset: what a peer sees when a link or a server dies. */
    static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // Already closed.
        }
        close(socket);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
