package lab.c10k.conformance.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends bytes that {@code java.net.http} refuses to send (control bytes in headers, broken request lines, HEAD
 * answers without the body the suite's client expects) and reads one HTTP/1.1 answer. The request should ask for
 * {@code Connection: close}; {@link KeptAlive} keeps a connection for several. The answer passes the checks
 * {@link Api} makes of every reply, except that a HEAD answer has no problem body to check.
 */
public final class RawHttp {

    private static final int MAX_LINE = 64 * 1024;

    private RawHttp() {
    }

    /** {@code host:port} of the service under test, for the Host header. */
    public static String authority() {
        return ServiceUnderTest.baseUri().getAuthority();
    }

    /**
     * Sends the bytes and reads the answer, all within {@code timeout}: a server that neither reads nor answers would
     * block a write forever (sockets have no write timeout), so a watchdog closes the socket at the deadline.
     */
    public static Reply exchange(String label, byte[] request, boolean head, Duration timeout) throws IOException {
        URI base = ServiceUnderTest.baseUri();
        Socket socket = new Socket();
        AtomicBoolean expired = new AtomicBoolean();
        Thread watchdog = Thread.ofVirtual().start(() -> closeAfter(socket, timeout, expired));
        try (socket) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(new BufferedInputStream(socket.getInputStream()), label, head);
        } catch (SocketException closed) {
            throw expired.get() ? new SocketTimeoutException("No answer within " + timeout) : closed;
        } finally {
            watchdog.interrupt();
        }
    }

    private static void closeAfter(Socket socket, Duration timeout, AtomicBoolean expired) {
        try {
            Thread.sleep(timeout);
            expired.set(true);
            socket.close();
        } catch (InterruptedException | IOException done) {
            // answered in time, or already closed
        }
    }

    /** Reads one answer from the stream, leaving it at the first byte after that answer. */
    private static Reply read(InputStream in, String label, boolean head) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
            throw new IOException("Not an HTTP/1.1 status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon);
            headers.computeIfAbsent(name.strip(), key -> new ArrayList<>())
                    .add(colon < 0 ? "" : line.substring(colon + 1).strip());
        }
        boolean bodiless = head || status == 204 || status == 304 || status < 200;
        byte[] body = bodiless ? new byte[0] : body(in, headers);
        return check(new Reply(label, status, HttpHeaders.of(headers, (name, value) -> true),
                new String(body, StandardCharsets.UTF_8)), head);
    }

    /**
     * One kept-alive connection: requests are written as given (several at once to pipeline them) and answers are
     * read one by one, in order. A read that waits longer than {@code timeout} fails the test.
     */
    public static final class KeptAlive implements AutoCloseable {

        private final Socket socket = new Socket();
        private final InputStream in;

        public KeptAlive(Duration timeout) throws IOException {
            URI base = ServiceUnderTest.baseUri();
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            in = new BufferedInputStream(socket.getInputStream());
        }

        public void send(String requests) throws IOException {
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        }

        public Reply read(String label) throws IOException {
            return RawHttp.read(in, label, false);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static Reply check(Reply reply, boolean head) {
        assertThat(reply.header("X-Concurrency-Model"))
                .as("X-Concurrency-Model of %s, reply: %s", reply.request(), reply)
                .contains(ServiceUnderTest.expectedModel());
        assertThat(reply.status()).as("%s must never answer 500 internal-error, reply: %s", reply.request(), reply)
                .isNotEqualTo(500);
        if (!head && reply.contentType().startsWith(Problems.CONTENT_TYPE)) {
            Problems.assertWellFormed(reply);
        }
        return reply;
    }

    private static byte[] body(InputStream in, Map<String, List<String>> headers) throws IOException {
        String encoding = String.join(",", headers.getOrDefault("Transfer-Encoding", List.of()));
        if (encoding.toLowerCase().contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                body.writeBytes(in.readNBytes(size));
                line(in);
            }
            skipTrailers(in);
            return body.toByteArray();
        }
        List<String> length = headers.get("Content-Length");
        return length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length.getFirst()));
    }

    /** The last chunk is followed by trailer lines (none, here) and an empty line; the next answer starts after. */
    private static void skipTrailers(InputStream in) throws IOException {
        String trailer;
        do {
            trailer = line(in);
        } while (!trailer.isEmpty());
    }

    private static int chunkSize(InputStream in) throws IOException {
        String line = line(in);
        int extension = line.indexOf(';');
        return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).strip(), 16);
    }

    /** One line without its CR LF, bytes as ISO-8859-1 characters; the stream ending before any byte is an error. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (line.size() == 0) {
                    throw new EOFException("The service closed the connection without (the rest of) an answer");
                }
                break;
            }
            if (line.size() == MAX_LINE) {
                throw new IOException("A line of the answer is longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
