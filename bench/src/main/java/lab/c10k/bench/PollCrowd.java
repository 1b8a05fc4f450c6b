package lab.c10k.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The C10K crowd: N long polls, each on its own TCP connection, all driven by one thread and one selector over
 * raw NIO sockets. Chosen over java.net.http.HttpClient (which also opens one HTTP/1.1 connection per request in
 * flight) because the client must cost far less than the servers it measures: here a waiting poll is a socket and
 * a small object, with no per-request future chain, and the client's thread count stays one whatever N is.
 *
 * <p>Connections open at a fixed rate; each sends one GET and reads one reply (Content-Length, chunked or
 * bodiless), then closes. Times are System.nanoTime() of the full reply.
 */
final class PollCrowd implements Runnable {

    private final InetSocketAddress address;
    private final byte[] request;
    private final int size;
    private final double connectsPerSecond;
    private final Conn[] conns;
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicLong clientLimitErrors = new AtomicLong();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private volatile boolean stop;
    private volatile long startNanos;

    PollCrowd(String host, int port, String path, int size, double connectsPerSecond) {
        this.address = new InetSocketAddress(host, port);
        this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.size = size;
        this.connectsPerSecond = connectsPerSecond;
        this.conns = new Conn[size];
    }

    /** One poll's state; written by the crowd's thread only, read after {@link #stop()}. */
    static final class Conn {
        SocketChannel channel;
        ByteBuffer out;
        final ByteBuffer in = ByteBuffer.allocate(2048);
        int status;
        long doneNanos;
        boolean done;
    }

    @Override
    public void run() {
        startNanos = System.nanoTime();
        double interval = 1e9 / connectsPerSecond;
        try (Selector selector = Selector.open()) {
            int next = 0;
            while (!stop && finished.get() < size) {
                long now = System.nanoTime();
                while (next < size && now - startNanos >= (long) (next * interval)) {
                    open(selector, next++);
                }
                selector.select(5);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    handle(key);
                }
            }
            for (Conn conn : conns) {
                if (conn != null && conn.channel != null) {
                    conn.channel.close();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void open(Selector selector, int index) {
        Conn conn = new Conn();
        conns[index] = conn;
        opened.incrementAndGet();
        try {
            SocketChannel channel = SocketChannel.open();
            conn.channel = channel;
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            conn.out = ByteBuffer.wrap(request);
            if (channel.connect(address)) {
                connected.incrementAndGet();
                channel.register(selector, SelectionKey.OP_WRITE, conn);
            } else {
                channel.register(selector, SelectionKey.OP_CONNECT, conn);
            }
        } catch (IOException e) {
            fail(conn, e);
        }
    }

    private void handle(SelectionKey key) {
        Conn conn = (Conn) key.attachment();
        try {
            if (key.isConnectable()) {
                conn.channel.finishConnect();
                connected.incrementAndGet();
                key.interestOps(SelectionKey.OP_WRITE);
            } else if (key.isWritable()) {
                conn.channel.write(conn.out);
                if (!conn.out.hasRemaining()) {
                    sent.incrementAndGet();
                    key.interestOps(SelectionKey.OP_READ);
                }
            } else if (key.isReadable()) {
                int read = conn.channel.read(conn.in);
                long now = System.nanoTime();
                if (complete(conn.in, read < 0)) {
                    finish(conn, now, String.valueOf(statusOf(conn.in)));
                } else if (read < 0) {
                    finish(conn, now, "closed-early");
                } else if (!conn.in.hasRemaining()) {
                    finish(conn, now, "reply-too-large");
                }
            }
        } catch (IOException e) {
            fail(conn, e);
        }
    }

    private void finish(Conn conn, long now, String outcome) {
        conn.done = true;
        conn.doneNanos = now;
        conn.status = outcome.matches("\\d{3}") ? Integer.parseInt(outcome) : -1;
        outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
        finished.incrementAndGet();
        try {
            conn.channel.close();
        } catch (IOException ignored) {
            // closing a socket whose reply is read: nothing to recover
        }
    }

    private void fail(Conn conn, IOException e) {
        String message = String.valueOf(e.getMessage());
        String outcome;
        if (message.contains("Too many open files") || message.contains("Cannot assign requested address")) {
            clientLimitErrors.incrementAndGet();
            outcome = "client-limit";
        } else if (message.contains("refused")) {
            outcome = "connection-refused";
        } else if (message.contains("reset")) {
            outcome = "connection-reset";
        } else {
            outcome = "io-error";
        }
        finish(conn, System.nanoTime(), outcome);
    }

    /** Whether the buffer holds one whole HTTP reply (head, and a body by Content-Length or chunked). */
    static boolean complete(ByteBuffer in, boolean eof) {
        String text = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String head = text.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
        int status = statusOf(in);
        if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
            return true;
        }
        int bodyStart = headEnd + 4;
        var length = java.util.regex.Pattern.compile("\r\ncontent-length:\\s*(\\d+)").matcher(head);
        if (length.find()) {
            return text.length() - bodyStart >= Integer.parseInt(length.group(1));
        }
        if (head.contains("\r\ntransfer-encoding: chunked")) {
            return text.endsWith("\r\n0\r\n\r\n") || text.substring(bodyStart).startsWith("0\r\n\r\n");
        }
        return eof; // neither: the body ends with the connection
    }

    static int statusOf(ByteBuffer in) {
        String text = new String(in.array(), 0, Math.min(in.position(), 12), StandardCharsets.ISO_8859_1);
        return text.startsWith("HTTP/1.") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
    }

    void stop() {
        stop = true;
    }

    int opened() {
        return opened.get();
    }

    int connected() {
        return connected.get();
    }

    int sent() {
        return sent.get();
    }

    int finished() {
        return finished.get();
    }

    long clientLimitErrors() {
        return clientLimitErrors.get();
    }

    Map<String, Integer> outcomes() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        outcomes.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** The reply times (nanoTime) of the polls answered with the given status. */
    long[] doneNanos(int status) {
        return java.util.Arrays.stream(conns).filter(c -> c != null && c.done && c.status == status)
                .mapToLong(c -> c.doneNanos).toArray();
    }
}
