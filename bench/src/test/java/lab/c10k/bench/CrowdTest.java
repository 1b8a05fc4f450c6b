package lab.c10k.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crowd the overload scenario sends, against an in-JVM server whose answer each request names: every reply is
 * read on its own connection and sorted into the class it means, a reply that never comes is a timeout, and the
 * descriptor cap bounds the connections open at once.
 */
class CrowdTest {

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final CountDownLatch never = new CountDownLatch(1);
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            String what = exchange.getRequestURI().getPath().substring(1);
            try {
                switch (what) {
                    case "sold" -> reply(exchange, 201, null);
                    case "shed" -> reply(exchange, 503, "1");
                    case "bare" -> reply(exchange, 503, null);
                    case "fail" -> reply(exchange, 500, null);
                    case "never" -> never.await();
                    default -> {
                        Thread.sleep(50); // held a while, so that connections overlap and the cap matters
                        reply(exchange, 201, null);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                open.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        never.countDown();
        server.stop(0);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String retryAfter)
            throws IOException {
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private Crowd crowd(List<String> paths, double rate, int cap, long timeoutMs) {
        int port = server.getAddress().getPort();
        return new Crowd(new InetSocketAddress("127.0.0.1", port),
                i -> ("GET /" + paths.get(i % paths.size()) + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                paths.size(), rate, cap, timeoutMs);
    }

    private static Map<String, Object> run(Crowd crowd) throws InterruptedException {
        Thread thread = Thread.ofPlatform().start(crowd);
        thread.join();
        return Outcomes.of(crowd.replies());
    }

    @Test
    void eachReplyIsSortedIntoWhatItMeansForTheBuyer() throws InterruptedException {
        Map<String, Object> outcomes = run(crowd(List.of("sold", "shed", "shed", "bare", "fail", "sold"), 200,
                100, 5_000));
        assertThat(Outcomes.count(outcomes, "sold201")).isEqualTo(2);
        assertThat(Outcomes.count(outcomes, "shed503")).isEqualTo(2);
        assertThat(Outcomes.count(outcomes, "bare503")).isEqualTo(1);
        assertThat(Outcomes.count(outcomes, "other5xx")).isEqualTo(1);
        assertThat(Outcomes.count(outcomes, "timeout")).isZero();
        assertThat(Outcomes.answered(outcomes)).isEqualTo(6);
        assertThat(Outcomes.unknown(outcomes)).isZero();
    }

    @Test
    void aReplyThatNeverComesIsATimeoutAndTheCrowdEndsByItself() throws InterruptedException {
        Crowd crowd = crowd(List.of("never", "sold"), Double.POSITIVE_INFINITY, 100, 300);
        Map<String, Object> outcomes = run(crowd);
        assertThat(Outcomes.count(outcomes, "timeout")).isEqualTo(1);
        assertThat(Outcomes.count(outcomes, "sold201")).isEqualTo(1);
        assertThat(Outcomes.unknown(outcomes)).isEqualTo(1);
        assertThat(crowd.finished()).isEqualTo(2);
    }

    @Test
    void aBurstLargerThanTheCapOpensTheRestAsRepliesFreeDescriptors() throws InterruptedException {
        Crowd crowd = crowd(java.util.Collections.nCopies(40, "held"), Double.POSITIVE_INFINITY, 8, 10_000);
        Map<String, Object> outcomes = run(crowd);
        assertThat(Outcomes.count(outcomes, "sold201")).isEqualTo(40);
        assertThat(crowd.maxOpenAtOnce()).isEqualTo(8);
        assertThat(maxOpen.get()).isLessThanOrEqualTo(8);
        assertThat(crowd.secondsToOpenAll()).isNotNaN();
    }

    @Test
    void aConnectionNobodyListensForIsAConnectionError() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there now
        }
        byte[] request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        Crowd crowd = new Crowd(new InetSocketAddress("127.0.0.1", port), i -> request, 3, Double.POSITIVE_INFINITY,
                100, 5_000);
        Map<String, Object> outcomes = run(crowd);
        assertThat(Outcomes.count(outcomes, "connectionError")).isEqualTo(3);
        assertThat(crowd.outcomes()).containsEntry("connection-refused", 3);
    }
}
