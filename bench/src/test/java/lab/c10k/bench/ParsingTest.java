package lab.c10k.bench;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the harness reads from others: Prometheus text, /proc, wrk's summary line, HTTP replies, k6 durations. */
class ParsingTest {

    private static final String PROMETHEUS = """
            # HELP jvm_threads_live_threads The current number of live threads
            jvm_threads_live_threads{application="virtual-thread-service"} 30.0
            jvm_threads_virtual_live_threads{application="v",scheduling_status="mounted"} 2.0
            jvm_threads_virtual_live_threads{application="v",scheduling_status="queued"} 5.0
            jvm_memory_used_bytes{application="v",area="heap",id="G1 Eden Space"} 100.0
            jvm_memory_used_bytes{application="v",area="nonheap",id="Metaspace"} 7.0
            jvm_memory_used_bytes{application="v",area="heap",id="G1 Old Gen"} 50.0
            c10k_longpoll_waiting{application="v"} 8192.0
            c10k_longpoll_waiting_peak{application="v"} 9000.0
            """;

    @Test
    void prometheusSumsEveryLabelSetOfOneMetricAndNotItsLongerNamesakes() {
        assertThat(Prometheus.sum(PROMETHEUS, "jvm_threads_live_threads")).isEqualTo(30.0);
        assertThat(Prometheus.sum(PROMETHEUS, "jvm_threads_virtual_live_threads")).isEqualTo(7.0);
        assertThat(Prometheus.sum(PROMETHEUS, "jvm_memory_used_bytes", "area=\"heap\"")).isEqualTo(150.0);
        assertThat(Prometheus.sum(PROMETHEUS, "c10k_longpoll_waiting")).isEqualTo(8192.0);
        assertThat(Prometheus.sum(PROMETHEUS, "jvm_gc_pause_seconds_count")).isNull();
    }

    @Test
    void procStatCpuTicksSurviveACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 500 0 0 0 150 25 0 0 20 0 40 0 100 1 1 1";
        assertThat(ProcessStats.cpuTicks(stat)).isEqualTo(175);
        assertThat(ProcessStats.cpuCount("0")).isEqualTo(1);
        assertThat(ProcessStats.cpuCount("0-3,6")).isEqualTo(5);
    }

    @Test
    void wrkSummaryLineGivesThroughputErrorsAndMeanLatency() {
        Map<String, Object> raw = Json.parse("""
                {"requests":30000,"durationUs":3000000,"bytes":1,"connectErrors":0,"readErrors":1,"writeErrors":0,
                "statusErrors":2,"timeouts":3,"latencies":29997,"meanUs":6400.0,"maxUs":9,"p50Us":1,"p90Us":1,
                "p99Us":1,"p999Us":1,"wrkCorrectionIntervalUs":6000,"wrkCorrectedMeanUs":9100.0,"wrkCorrectedP99Us":1}""");
        Wrk.Result result = Wrk.result(raw, 0.4);
        assertThat(result.requestsPerSecond()).isEqualTo(10_000);
        assertThat(result.errors()).isEqualTo(6);
        assertThat(result.meanLatencySeconds()).isEqualTo(0.0064);
    }

    @Test
    void anHttpReplyIsCompleteByContentLengthByChunksOrWithoutABody() {
        assertThat(complete("HTTP/1.1 204 No Content\r\nDate: x\r\n\r\n", false)).isTrue();
        assertThat(complete("HTTP/1.1 200 \r\nContent-Length: 5\r\n\r\n{\"a\"", false)).isFalse();
        assertThat(complete("HTTP/1.1 200 \r\nContent-Length: 5\r\n\r\n{\"a\"}", false)).isTrue();
        assertThat(complete("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\"}\r\n", false)).isFalse();
        assertThat(complete("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\"}\r\n0\r\n\r\n", false))
                .isTrue();
        assertThat(complete("HTTP/1.1 200 OK\r\n\r\nbody", false)).isFalse();
        assertThat(complete("HTTP/1.1 200 OK\r\n\r\nbody", true)).isTrue();
        assertThat(complete("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n", false)).isTrue();
    }

    @Test
    void retryAfterIsFoundInTheHeadOnlyWhateverItsCase() {
        assertThat(Crowd.hasHeader(buffer("HTTP/1.1 503 \r\nretry-after: 1\r\nContent-Length: 0\r\n\r\n"),
                "retry-after")).isTrue();
        assertThat(Crowd.hasHeader(buffer("HTTP/1.1 503 \r\nRetry-After: 1\r\n\r\n"), "retry-after")).isTrue();
        assertThat(Crowd.hasHeader(buffer("HTTP/1.1 503 \r\nContent-Length: 20\r\n\r\n\r\nRetry-After: 1"),
                "retry-after")).isFalse();
    }

    @Test
    void k6DurationsReadAsK6WritesThem() {
        assertThat(Config.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Config.duration("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Config.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void quickSettingsMergeOverTheFullOnesKeyByKey() {
        Map<String, Object> merged = Config.merge(Map.of("c10k", Map.of("waitMs", 30000, "graceSeconds", 5)),
                Map.of("c10k", Map.of("waitMs", 8000)));
        assertThat(Json.at(merged, "c10k.waitMs")).isEqualTo(8000);
        assertThat(Json.at(merged, "c10k.graceSeconds")).isEqualTo(5);
    }

    private static boolean complete(String reply, boolean eof) {
        return Crowd.complete(buffer(reply), eof);
    }

    private static ByteBuffer buffer(String reply) {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        buffer.put(reply.getBytes(StandardCharsets.ISO_8859_1));
        return buffer;
    }
}
