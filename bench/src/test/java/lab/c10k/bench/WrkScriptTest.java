package lab.c10k.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bench.lua against the real wrk: its latencies are the measured ones, not wrk's corrected histogram. The server
 * answers every 25th request 100 ms late, a tail far above twice the mean, which is what wrk adds synthetic
 * samples for.
 */
class WrkScriptTest {

    private static final Path SCRIPT = Path.of("wrk", "bench.lua").toAbsolutePath();

    private final AtomicLong answered = new AtomicLong();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            if (answered.incrementAndGet() % 25 == 0) {
                sleep(100);
            }
            byte[] body = "ok".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theScriptReportsWhatWasMeasuredAndUndoesWrksCorrection() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        Wrk wrk = new Wrk(SCRIPT, "0-" + (Runtime.getRuntime().availableProcessors() - 1), 1, 100);

        Wrk.Result result = wrk.run(base, 8, 3, "get", List.of("/a", "/b"));

        long latencies = ((Number) result.raw().get("latencies")).longValue();
        long timeouts = ((Number) result.raw().get("timeouts")).longValue();
        double correctedMean = ((Number) result.raw().get("wrkCorrectedMeanUs")).doubleValue();
        assertThat(result.requests()).isPositive();
        assertThat(result.errors()).isZero();
        // Undoing the correction gives back exactly one latency per reply: the synthetic samples are gone.
        assertThat(latencies).isEqualTo(result.requests() - timeouts);
        assertThat(result.meanLatencySeconds() * 1e6).isLessThan(correctedMean);
        assertThat(((Number) result.raw().get("maxUs")).longValue()).isGreaterThanOrEqualTo(100_000);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
