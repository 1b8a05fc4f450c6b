package lab.c10k.conformance;

import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.RawHttp;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Fixtures.trainPath;
import static lab.c10k.conformance.support.LongPolls.updatesPath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/1.1 pipelining (RFC 9112, 9.3.2): requests sent on a kept-alive connection before the previous answer came
 * are answered in order, and the connection then serves the next request. A server that forgets to read again once
 * its queue of pipelined requests drains leaves every later request on that connection unanswered, with no timeout
 * to reap it (docs/pitfalls.md, Reactor Netty 1.3.6): clients that do not pipeline meet that by chance, so the
 * suite pipelines on purpose.
 */
@ConformanceTest
class PipeliningConformanceTest {

    /** Each answer here needs no MySQL or Redis call slower than its bound; no answer at all is the failure. */
    private static final Duration READ = Duration.ofSeconds(10);

    @RepeatedTest(value = 5, name = "round {currentRepetition} of {totalRepetitions}")
    void aRequestQueuedBehindALongPollIsAnsweredAndTheConnectionServesTheNext() throws IOException {
        long trainId = createTrainId(3);
        try (RawHttp.KeptAlive connection = new RawHttp.KeptAlive(READ)) {
            connection.send(get(updatesPath(trainId, 100)) + get("/api/no-such-route"));

            assertThat(connection.read("the long poll").status()).isEqualTo(204);
            assertThat(connection.read("the request queued behind it").status()).isEqualTo(404);

            connection.send(get("/api/ping"));
            assertThat(connection.read("the next request on the connection").status()).isEqualTo(200);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheOrderSent() throws IOException {
        long trainId = createTrainId(3);
        String[] paths = {"/api/ping", trainPath(trainId), "/api/no-such-route", trainPath(trainId) + "/audit",
                "/api/ping", trainPath(Integer.MAX_VALUE), updatesPath(trainId, 0), "/api/ping"};
        int[] statuses = {200, 200, 404, 200, 200, 404, 204, 200};
        try (RawHttp.KeptAlive connection = new RawHttp.KeptAlive(READ)) {
            StringBuilder all = new StringBuilder();
            for (String path : paths) {
                all.append(get(path));
            }
            connection.send(all.toString());

            for (int i = 0; i < paths.length; i++) {
                assertThat(connection.read("GET " + paths[i]).status()).as("answer %d, to GET %s", i + 1, paths[i])
                        .isEqualTo(statuses[i]);
            }
            connection.send(get("/api/ping"));
            assertThat(connection.read("GET /api/ping after the pipeline").status()).isEqualTo(200);
        }
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + RawHttp.authority() + "\r\n\r\n";
    }
}
