package lab.c10k.conformance.fuzz;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.Problems;
import lab.c10k.conformance.support.RawHttp;
import lab.c10k.conformance.support.Reply;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;

/**
 * Sends one case and judges the answer. Beyond what the suite checks of every reply (the model header, well-formed
 * problems, no 500), an answer must be 2xx or 4xx, a 4xx must be a problem, and a request that could change data
 * must not succeed: every such request the fuzzer sends is invalid, aimed at a sold-out train, or a taken code.
 */
public final class Oracle {

    /** Bounds each request: no valid generated request waits (long polls ask for at most 50 ms). */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final Set<String> READ_ONLY = Set.of("GET", "HEAD", "OPTIONS");

    /** The smallest request head a service may refuse (Tomcat's and Netty's default limit). */
    public static final int HEAD_LIMIT_BYTES = 8 * 1024;

    /** The most header lines a service may refuse past (Tomcat's default {@code maxHeaderCount}). */
    public static final int HEADER_COUNT_LIMIT = 100;

    /** Header lines either client adds to a case's own: Host, the body's framing, and Connection or User-Agent. */
    private static final int CLIENT_HEADERS = 3;

    /** What came back: {@code wrong} is null for a right answer, else what is wrong with it. */
    public record Verdict(String request, int status, String contentType, String wrong, String answer) {
    }

    private Oracle() {
    }

    public static Verdict judge(FuzzCase fuzz) {
        HttpRequest request = fuzz.needsRawSocket() ? null : buildable(fuzz);
        String sent = fuzz.describe(request == null, RawHttp.authority());
        try {
            Reply reply = request == null
                    ? RawHttp.exchange(fuzz.method() + " " + shortened(fuzz.target()),
                    fuzz.rawBytes(RawHttp.authority()), fuzz.method().equals("HEAD"), TIMEOUT)
                    : Api.await(Api.sendAsync(request));
            return new Verdict(sent, reply.status(), reply.contentType(), wrongness(fuzz, reply), reply.toString());
        } catch (AssertionError failed) {
            return new Verdict(sent, Failures.status(failed), Failures.contentType(failed), Failures.check(failed),
                    failed.getMessage());
        } catch (UncheckedIOException | IOException e) {
            Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            boolean hung = cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException;
            if (!hung && refusedHeadWithBody(fuzz)) {
                return new Verdict(sent, -1, "", null, String.valueOf(cause));
            }
            return new Verdict(sent, -1, "", hung ? "no answer within " + TIMEOUT.toSeconds() + " s"
                    : "connection failed: " + cause.getClass().getSimpleName(), String.valueOf(cause));
        }
    }

    /**
     * A server that refuses a request head (too long, or too many header lines) cannot read past it to the
     * body: it answers and closes the connection, and a client still sending the body may get the reset
     * before it reads the answer (RFC 9112, section 9.6). A lost answer is then the protocol's outcome, not
     * the service's fault; without a body the answer must arrive. Seen on Tomcat: 257 headers and a chunked
     * body, answered 400 and closed, and the client's read failed on the reset once in several runs.
     */
    private static boolean refusedHeadWithBody(FuzzCase fuzz) {
        return fuzz.body() != null && (fuzz.headBytes(RawHttp.authority()) > HEAD_LIMIT_BYTES
                || fuzz.headers().size() + CLIENT_HEADERS > HEADER_COUNT_LIMIT);
    }

    private static String wrongness(FuzzCase fuzz, Reply reply) {
        int kind = reply.status() / 100;
        if (kind != 2 && kind != 4) {
            return "status " + reply.status() + " (only 2xx or 4xx)";
        }
        if (kind == 4 && !reply.contentType().startsWith(Problems.CONTENT_TYPE)) {
            return "4xx that is no application/problem+json";
        }
        if (kind == 2 && !READ_ONLY.contains(fuzz.method())) {
            return "2xx to a request that had to fail (only GET, HEAD, OPTIONS may succeed)";
        }
        return null;
    }

    // A label for the suite's messages; the report shows the exact bytes separately.
    private static String shortened(String target) {
        return target.length() <= 300 ? target
                : target.substring(0, 240) + "…" + target.substring(target.length() - 40);
    }

    /** The request {@code java.net.http} would send, or null where it refuses (a bad URI, a bad header). */
    private static HttpRequest buildable(FuzzCase fuzz) {
        try {
            HttpRequest.Builder builder = Api.request(fuzz.target()).timeout(TIMEOUT).method(fuzz.method(), body(fuzz));
            fuzz.headers().forEach(h -> builder.header(h.name(), h.value()));
            return builder.build();
        } catch (IllegalArgumentException refused) {
            return null;
        }
    }

    private static BodyPublisher body(FuzzCase fuzz) {
        if (fuzz.body() == null) {
            return BodyPublishers.noBody();
        }
        // A publisher of unknown length makes the client send the body chunked, without Content-Length.
        return fuzz.chunked() ? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(fuzz.body()))
                : BodyPublishers.ofByteArray(fuzz.body());
    }
}
