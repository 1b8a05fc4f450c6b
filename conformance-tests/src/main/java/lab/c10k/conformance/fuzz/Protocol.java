package lab.c10k.conformance.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Bad input below the API: oversized and broken headers, broken request lines, a missing or doubled Host, HEAD.
 * What {@code java.net.http} refuses to send (control bytes, raw non-ASCII, bad tokens) goes over a raw socket.
 */
record Protocol(Targets targets) {

    static final String REQUEST_LINE = "request line";

    /** A natural request with headers that are too big, too many, odd, or not valid header syntax at all. */
    FuzzCase headers(FuzzCase request, SplittableRandom random) {
        return switch (random.nextInt(7)) {
            case 0 -> request.with("X-Fuzz",
                    "a".repeat(random.nextBoolean() ? 20 * 1024 : random.nextInt(4096, 65537)));
            case 1 -> request.with(IntStream.range(0, random.nextInt(100, 3001))
                    .mapToObj(i -> new FuzzCase.Header("X-Fuzz-" + i, "v" + i)).toList());
            case 2 -> request.with("Cookie", "k=v; ".repeat(random.nextInt(100, 6000)));
            case 3 -> request.withRequestLine("OPTIONS", request.target(), "HTTP/1.1")
                    .with("Origin", Gen.oneOf("http://evil.example", "null", "", "http://\u00e9").next(random))
                    .with("Access-Control-Request-Method", Gen.oneOf("POST", "DELETE", "PUT", "X").next(random))
                    .with("Access-Control-Request-Headers", "content-type, x-fuzz");
            case 4 -> request.with(Gen.oneOf("Accept-Encoding", "Content-Encoding", "If-None-Match",
                    "If-Modified-Since", "Range", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host",
                    "Forwarded", "Authorization", "X-HTTP-Method-Override", "Accept-Language", "Accept-Charset",
                    "TE").next(random),
                    Gen.oneOf("gzip", "br, zstd, *;q=0", "*", "\"junk", "yesterday", "bytes=0-1", "bytes=9-1,junk",
                            "256.256.256.256", "gopher", "evil.example:0", "for=\"[junk", "Bearer \u00e9", "PUT", "",
                            "x".repeat(5000), "trailers, deflate;q=0.5").next(random));
            case 5 -> request.with("X-Fuzz", Gen.oneOf("a\u0001b", "a\u007Fb", "a\u0000b", "caf\u00e9", "\u00ff\u00fe",
                    "a\u001Bb").next(random)).with("X-Fuzz-Utf8", utf8AsLatin1(Texts.ODD.next(random)));
            default -> request.with("X-Fuzz", "1").with(Gen.oneOf("X Fuzz", "X-Fuz\u00e9", "", "X-Fuzz\u0000", "(x)",
                    " folded").next(random), random.nextBoolean() ? "v" : null);
        };
    }

    /** A request line that is not HTTP/1.1 syntax, a Host problem, or HEAD on any route. */
    FuzzCase requestLine(SplittableRandom random) {
        Targets.Target target = targets.any().next(random);
        FuzzCase get = FuzzCase.of(REQUEST_LINE, target.route(), "GET", target.target());
        String path = target.target();
        return switch (random.nextInt(6)) {
            case 0 -> get.withRequestLine(Gen.oneOf("G@T", "GET GET", "", "\u0000GET", "\u00c4GET", "A".repeat(1000),
                    "GET\u0001").next(random), path, "HTTP/1.1");
            case 1 -> {
                int at = random.nextInt(path.length() + 1);
                String junk = random.nextInt(3) == 0 ? utf8AsLatin1(Texts.ODD.next(random))
                        : Gen.oneOf(" ", "%", "%zz", "%G1", "%C", "\u0001", "\u007F", "[", "{", "|", "\\", "\"",
                        "<", "^", "`", "\u00ff", "#x").next(random);
                yield get.withRequestLine("GET", path.substring(0, at) + junk + path.substring(at), "HTTP/1.1");
            }
            case 2 -> get.withRequestLine("GET", Gen.oneOf("*", "api/trains", "http://127.0.0.1/api/ping", "//", "?",
                    "/api/" + "x".repeat(100_000), "http://[::1", "/api/trains/\u0000").next(random), "HTTP/1.1");
            // No empty version: "GET /path" is HTTP/0.9, whose answer is a bare body that no header rule can apply to.
            case 3 -> get.withRequestLine("GET", path, Gen.oneOf("HTTP/1.1x", "HTTX/1.1", "HTTP/1", "http/1.1",
                    "HTTP/1.1 extra", "HTTP/01.1", "HTTP/1.0", "HTTP/1.1\u0000").next(random));
            case 4 -> random.nextBoolean() ? get.withoutHost()
                    : get.with("Host", Gen.oneOf("a b", "\u00ff", "[::1", "h:1:2", "", "h:99999", "127.0.0.1")
                    .next(random));
            default -> get.withRequestLine("HEAD", path, "HTTP/1.1");
        };
    }

    /** Text whose UTF-8 bytes are carried one per character, as {@link FuzzCase} sends them. */
    private static String utf8AsLatin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
