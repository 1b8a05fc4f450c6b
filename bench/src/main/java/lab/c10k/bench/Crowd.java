package lab.c10k.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A crowd of N connections, each sending one request and reading one reply, all driven by one thread and one
 * selector over raw NIO sockets: the C10K scenario's long polls, and the overload scenario's purchases (each on its
 * own new connection, as arrivals of an open model or as one burst). Chosen over java.net.http.HttpClient (which
 * also opens one HTTP/1.1 connection per request in flight) because the client must cost far less than the servers
 * it measures: here a request in flight is a socket and a small object, with no per-request future chain, and the
 * client's thread count stays one whatever N is.
 *
 * <p>Connection i is due at {@code start + i / connectsPerSecond} (all at the start when the rate is infinite):
 * its <em>intended</em> start, from which its latency counts, so a client that falls behind its schedule (or waits
 * for a free descriptor under {@code maxOpen}) shows in the latency, never hides it. Each reads one reply
 * (Content-Length, chunked or bodiless), then closes. A connection not answered within the timeout of its intended
 * start is closed and counted as "timeout".
 */
final class Crowd implements Runnable {

    /** No per-connection timeout: the caller stops the crowd (the C10K polls wait out their waitMs). */
    static final long NO_TIMEOUT = Long.MAX_VALUE;

    private static final int OPENS_PER_TURN = 256;

    private final InetSocketAddress address;
    private final IntFunction<byte[]> requestFor;
    private final int size;
    private final double connectsPerSecond;
    private final int maxOpen;
    private final long timeoutNanos;
    private final Conn[] conns;
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicLong clientLimitErrors = new AtomicLong();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private volatile boolean stop;
    private volatile long startNanos;
    private volatile long allOpenedNanos;
    private volatile int maxOpenAtOnce;
    private volatile int heldBack;
    private int oldestOpen;
    private final Histogram openLag = Latencies.histogram();

    /**
     * @param maxOpen    connections open at once at most: the client's own descriptors, so that a crowd larger than
     *                   its limit waits for replies instead of failing on EMFILE
     * @param timeoutMs  per connection, from its intended start; {@link #NO_TIMEOUT} for none
     */
    Crowd(InetSocketAddress address, IntFunction<byte[]> requestFor, int size, double connectsPerSecond, int maxOpen,
          long timeoutMs) {
        this.address = address;
        this.requestFor = requestFor;
        this.size = size;
        this.connectsPerSecond = connectsPerSecond;
        this.maxOpen = maxOpen;
        this.timeoutNanos = timeoutMs == NO_TIMEOUT ? NO_TIMEOUT : timeoutMs * 1_000_000;
        this.conns = new Conn[size];
    }

    /** The C10K crowd: the same GET on every connection, no timeout, no cap on those open at once. */
    static Crowd ofGets(String host, int port, String path, int size, double connectsPerSecond) {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return new Crowd(new InetSocketAddress(host, port), i -> request, size, connectsPerSecond, size, NO_TIMEOUT);
    }

    /** One connection's state; written by the crowd's thread only, read after {@link #stop()}. */
    static final class Conn {
        SocketChannel channel;
        SelectionKey key;
        ByteBuffer out;
        final ByteBuffer in = ByteBuffer.allocate(2048);
        long intendedNanos;
        int status;
        boolean retryAfter;
        String outcome;
        long doneNanos;
        boolean done;
    }

    /** What became of one connection: its outcome ("201", "timeout", "connection-refused", ...) and its times. */
    record Reply(String outcome, int status, boolean retryAfter, long intendedNanos, long doneNanos) {

        long latencyMicros() {
            return Math.max(0, doneNanos - intendedNanos) / 1000;
        }
    }

    @Override
    public void run() {
        startNanos = System.nanoTime();
        double interval = Double.isInfinite(connectsPerSecond) ? 0 : 1e9 / connectsPerSecond;
        long lastSweep = startNanos;
        try (Selector selector = Selector.open()) {
            int next = 0;
            while (!stop && finished.get() < size) {
                long now = System.nanoTime();
                int opens = 0;
                while (next < size && now - startNanos >= (long) (next * interval) && opens < OPENS_PER_TURN) {
                    if (opened.get() - finished.get() >= maxOpen) {
                        heldBack++;
                        break;
                    }
                    open(selector, next, startNanos + (long) (next * interval));
                    next++;
                    opens++;
                    maxOpenAtOnce = Math.max(maxOpenAtOnce, opened.get() - finished.get());
                    if (next == size) {
                        allOpenedNanos = System.nanoTime();
                    }
                }
                // More due at once (a burst): only collect what is ready, then open the next ones.
                boolean moreDue = next < size && opens == OPENS_PER_TURN;
                if (moreDue) {
                    selector.selectNow();
                } else {
                    selector.select(5);
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    handle(key);
                }
                if (timeoutNanos != NO_TIMEOUT && now - lastSweep > 50_000_000) {
                    lastSweep = now;
                    expire(next, System.nanoTime());
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

    private void open(Selector selector, int index, long intended) {
        Conn conn = new Conn();
        conn.intendedNanos = intended;
        openLag.recordValue(Math.max(0, System.nanoTime() - intended) / 1000);
        conns[index] = conn;
        opened.incrementAndGet();
        try {
            SocketChannel channel = SocketChannel.open();
            conn.channel = channel;
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            conn.out = ByteBuffer.wrap(requestFor.apply(index));
            if (channel.connect(address)) {
                connected.incrementAndGet();
                conn.key = channel.register(selector, SelectionKey.OP_WRITE, conn);
            } else {
                conn.key = channel.register(selector, SelectionKey.OP_CONNECT, conn);
            }
        } catch (IOException e) {
            fail(conn, e);
        }
    }

    /**
     * Closes the connections that passed their timeout unanswered. They are due in index order and time out in the
     * same order, so the sweep starts at the oldest one still open and stops at the first one still in time.
     */
    private void expire(int openedSoFar, long now) {
        while (oldestOpen < openedSoFar) {
            Conn conn = conns[oldestOpen];
            if (!conn.done) {
                if (now - conn.intendedNanos <= timeoutNanos) {
                    return;
                }
                finish(conn, now, "timeout");
            }
            oldestOpen++;
        }
    }

    private void handle(SelectionKey key) {
        Conn conn = (Conn) key.attachment();
        if (conn.done) {
            return;
        }
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
                    conn.retryAfter = hasHeader(conn.in, "retry-after");
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
        conn.outcome = outcome;
        conn.status = outcome.matches("\\d{3}") ? Integer.parseInt(outcome) : -1;
        outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
        finished.incrementAndGet();
        try {
            if (conn.channel != null) {
                conn.channel.close(); // also cancels its key
            }
        } catch (IOException ignored) {
            // closing a socket whose reply is read (or given up on): nothing to recover
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

    /** Whether the reply's head names the header (lower case), with any value. */
    static boolean hasHeader(ByteBuffer in, String name) {
        String text = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        String head = (headEnd < 0 ? text : text.substring(0, headEnd)).toLowerCase(java.util.Locale.ROOT);
        return head.contains("\r\n" + name + ":");
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

    /** Connections open at once at most, and the turns a due connection waited for {@code maxOpen} to allow it. */
    int maxOpenAtOnce() {
        return maxOpenAtOnce;
    }

    int heldBack() {
        return heldBack;
    }

    /** How late after their intended start the connections were opened (the client's own lag), after the run. */
    Histogram openLag() {
        return openLag;
    }

    /** Seconds from the first connection's due time to the last one opened, or NaN when not all were. */
    double secondsToOpenAll() {
        return allOpenedNanos == 0 ? Double.NaN : (allOpenedNanos - startNanos) / 1e9;
    }

    Map<String, Integer> outcomes() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        outcomes.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** The reply times (nanoTime) of the requests answered with the given status. */
    long[] doneNanos(int status) {
        return java.util.Arrays.stream(conns).filter(c -> c != null && c.done && c.status == status)
                .mapToLong(c -> c.doneNanos).toArray();
    }

    /** Every connection's fate, after {@link #stop()}; one never opened or never answered is "unanswered". */
    List<Reply> replies() {
        List<Reply> out = new ArrayList<>(size);
        for (Conn c : conns) {
            if (c == null || !c.done) {
                out.add(new Reply("unanswered", -1, false, c == null ? 0 : c.intendedNanos, 0));
            } else {
                out.add(new Reply(c.outcome, c.status, c.retryAfter, c.intendedNanos, c.doneNanos));
            }
        }
        return out;
    }
}
