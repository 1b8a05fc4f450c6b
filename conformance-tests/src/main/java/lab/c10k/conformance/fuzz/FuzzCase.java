package lab.c10k.conformance.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One generated request. Text fields hold bytes as ISO-8859-1 characters, so that any byte can be sent. It goes
 * through the suite's {@code Api} client when {@code java.net.http} sends exactly these bytes, otherwise over a raw
 * socket ({@link #needsRawSocket()}).
 *
 * @param route   the endpoint aimed at, e.g. {@code /api/trains/{id}/tickets}: groups findings
 * @param version the request line's protocol; anything but {@code HTTP/1.1} is raw
 * @param host    whether to send the Host header (a raw request may omit it)
 */
public record FuzzCase(String category, String route, String method, String target, List<Header> headers,
                       byte[] body, boolean chunked, String version, boolean host) {

    /** A header line; a null value sends the name alone, as a line without a colon. */
    public record Header(String name, String value) {
    }

    private static final int SHOWN_HEADERS = 12;

    private static final Set<String> CLIENT_OWNED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding");

    static FuzzCase of(String category, String route, String method, String target) {
        return new FuzzCase(category, route, method, target, List.of(), null, false, "HTTP/1.1", true);
    }

    FuzzCase with(String name, String value) {
        return with(List.of(new Header(name, value)));
    }

    FuzzCase with(List<Header> added) {
        List<Header> all = new ArrayList<>(headers);
        all.addAll(added);
        return new FuzzCase(category, route, method, target, List.copyOf(all), body, chunked, version, host);
    }

    FuzzCase withBody(byte[] bytes, boolean chunk) {
        return new FuzzCase(category, route, method, target, headers, bytes, chunk, version, host);
    }

    FuzzCase withRequestLine(String newMethod, String newTarget, String newVersion) {
        return new FuzzCase(category, route, newMethod, newTarget, headers, body, chunked, newVersion, host);
    }

    FuzzCase withoutHost() {
        return new FuzzCase(category, route, method, target, headers, body, chunked, version, false);
    }

    /**
     * Request-line cases test the server's own parser, so they go byte-exact; HEAD too, since the suite's client
     * reads every problem body and a HEAD answer has none.
     */
    public boolean needsRawSocket() {
        return category.equals(Protocol.REQUEST_LINE) || method.equals("HEAD") || !isToken(method)
                || !version.equals("HTTP/1.1") || !host || !target.chars().allMatch(c -> c > 0x20 && c < 0x7F)
                || headers.stream().anyMatch(h -> h.value() == null || CLIENT_OWNED.contains(h.name().toLowerCase())
                || !isToken(h.name()) || !h.value().chars().allMatch(c -> (c >= 0x20 && c < 0x7F) || c == '\t'));
    }

    private static boolean isToken(String name) {
        return !name.isEmpty()
                && name.chars().allMatch(c -> c > 0x20 && c < 0x7F && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
    }

    /** The size of the request line and headers, without the body. */
    public int headBytes(String hostAndPort) {
        return rawBytes(hostAndPort).length - (body == null ? 0 : body.length);
    }

    /** The request exactly as the raw socket sends it ({@code Connection: close}, so the answer ends the stream). */
    public byte[] rawBytes(String hostAndPort) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(' ').append(version)
                .append("\r\n");
        if (host) {
            head.append("Host: ").append(hostAndPort).append("\r\n");
        }
        headers.forEach(h -> head.append(h.name()).append(h.value() == null ? "" : ": " + h.value()).append("\r\n"));
        if (body != null) {
            head.append(chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null && chunked) {
            bytes.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            bytes.writeBytes(body);
            bytes.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else if (body != null) {
            bytes.writeBytes(body);
        }
        return bytes.toByteArray();
    }

    /** What was sent, byte for byte where it matters; long bodies are shown by their ends and length. */
    public String describe(boolean raw, String hostAndPort) {
        if (raw) {
            return "raw socket, " + Escape.bytes(rawBytes(hostAndPort), 700);
        }
        StringBuilder text = new StringBuilder("java.net.http (adds Host, User-Agent, ")
                .append(chunked ? "Transfer-Encoding: chunked" : "Content-Length").append("), ")
                .append(method).append(' ').append(Escape.text(target, 400));
        headers.stream().limit(SHOWN_HEADERS).forEach(h -> text.append("\\r\\n").append(h.name()).append(": ")
                .append(Escape.text(h.value(), 200)));
        if (headers.size() > SHOWN_HEADERS) {
            text.append("\\r\\n…[").append(headers.size() - SHOWN_HEADERS).append(" more headers like these]");
        }
        if (body != null) {
            text.append("\\r\\n\\r\\n").append(Escape.bytes(body, 500));
        }
        return text.toString();
    }
}
