package lab.c10k.conformance.k6;

import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.ServiceUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shim itself, on small scripts against the service under test: a correct script passes, and each way a script
 * can be broken (a wrong URL, a threshold that selects nothing, an exception, an API the shim lacks) fails the run
 * with a message that says where. Without these, a contract test that passes could be a shim that sees nothing.
 */
@ConformanceTest
class K6ShimTest {

    private static final String SCENARIO =
            "scenarios: { probe: { executor: 'per-vu-iterations', vus: 1, iterations: 2 } }";

    @TempDir
    Path folder;

    @Test
    void aCorrectScriptPassesWithItsSetupDataChecksMetricsAndSummary() {
        K6Run.Report report = run("""
                import http from 'k6/http';
                import { check, group } from 'k6';
                import exec from 'k6/execution';
                import { Trend } from 'k6/metrics';
                const pings = new Trend('probe_ping', true);
                export const options = { %s, thresholds: {
                    'http_req_duration{endpoint:ping}': ['p(99)<60000'], probe_ping: ['avg>=0'], checks: ['rate==1'] } };
                export function setup() { return { base: __ENV.BASE_URL }; }
                export default function (data) {
                    group('ping', () => {
                        const res = http.get(`${data.base}/api/ping`, { tags: { endpoint: 'ping' } });
                        pings.add(res.timings.duration);
                        check(res, {
                            'status 200': (r) => r.status === 200,
                            'canonical header names': (r) => r.headers['X-Concurrency-Model'] === r.json().model,
                            'iteration numbers': () => __ITER === exec.vu.iterationInScenario && __VU === 1,
                        });
                    });
                }
                export function handleSummary(data) {
                    return { [`${__ENV.RESULTS_DIR}/probe.json`]: JSON.stringify(data.metrics.probe_ping) };
                }
                """.formatted(SCENARIO));

        assertThat(report.problems()).as(report.log()).isEmpty();
        assertThat(report.checksPassed()).isEqualTo(6);
        assertThat(report.iterations()).containsEntry("probe", 2);
        assertThat(report.written()).containsExactly(folder.resolve("results/probe.json"));
    }

    @Test
    void aCheckOnAWrongUrlFailsTheRun() {
        K6Run.Report report = run("""
                import http from 'k6/http';
                import { check } from 'k6';
                export const options = { %s };
                export default function () {
                    check(http.get(`${__ENV.BASE_URL}/api/trainz/1`), { 'status 200': (r) => r.status === 200 });
                }
                """.formatted(SCENARIO));

        assertThat(report.problems()).singleElement().asString()
                .startsWith("check failed 2 of 2 times: ::status 200; first on GET ")
                .contains("/api/trainz/1 answered 404").contains("/problems/not-found");
    }

    @Test
    void aThresholdOnATagThatNoSampleCarriesFailsTheRun() {
        K6Run.Report report = run("""
                import http from 'k6/http';
                export const options = { %s, thresholds: { 'http_req_duration{endpoint:get-trains}': ['p(99)<500'] } };
                export default function () {
                    http.get(`${__ENV.BASE_URL}/api/ping`, { tags: { endpoint: 'ping' } });
                }
                """.formatted(SCENARIO));

        assertThat(report.problems()).singleElement().asString()
                .contains("http_req_duration{endpoint:get-trains} selects no sample");
    }

    @Test
    void aThresholdOnAnUnknownMetricOrInBadSyntaxStopsTheRunBeforeItStarts() {
        K6Run.Report report = run("""
                export const options = { %s, thresholds: { http_req_duration: ['p99<500'] } };
                export default function () { throw new Error('never runs'); }
                """.formatted(SCENARIO));
        K6Run.Report unknown = run("""
                export const options = { %s, thresholds: { http_req_duratoin: ['p(99)<500'] } };
                export default function () {}
                """.formatted(SCENARIO));

        assertThat(report.problems()).singleElement().asString().contains("\"p99<500\" is not a k6 threshold");
        assertThat(report.iterations()).isEmpty();
        assertThat(unknown.problems()).singleElement().asString().contains("no metric http_req_duratoin");
    }

    @Test
    void anExceptionInAnIterationFailsTheRunAndSaysWhere() {
        K6Run.Report report = run("""
                import http from 'k6/http';
                export const options = { %s };
                export default function () {
                    const page = http.get(`${__ENV.BASE_URL}/api/ping`).json();
                    return page.items.length;
                }
                """.formatted(SCENARIO));

        assertThat(report.problems()).hasSize(2).allSatisfy(problem -> assertThat(problem)
                .contains("scenario probe, default() iteration").contains("TypeError").contains("probe.js:5"));
    }

    @Test
    void anApiTheShimDoesNotImplementFailsTheRun() {
        K6Run.Report module = run("""
                import crypto from 'k6/crypto';
                export const options = { %s };
                export default function () {}
                """.formatted(SCENARIO));
        K6Run.Report parameter = run("""
                import http from 'k6/http';
                export const options = { %s };
                export default function () { http.get(`${__ENV.BASE_URL}/api/ping`, { redirects: 0 }); }
                """.formatted(SCENARIO));

        assertThat(module.problems()).singleElement().asString().contains("does not implement the module k6/crypto");
        assertThat(parameter.problems()).hasSize(2)
                .allSatisfy(p -> assertThat(p).contains("the request parameter \"redirects\" is not implemented"));
    }

    @Test
    void teardownThatMarksTheTestFailedFailsTheRun() {
        K6Run.Report report = run("""
                import exec from 'k6/execution';
                export const options = { %s };
                export default function () {}
                export function teardown() { exec.test.fail('audit inconsistent'); }
                """.formatted(SCENARIO));

        assertThat(report.problems()).containsExactly("exec.test.fail() in teardown: audit inconsistent");
    }

    private K6Run.Report run(String script) {
        try {
            Path file = Files.writeString(folder.resolve("probe.js"), script);
            Map<String, String> env = Map.of("BASE_URL", ServiceUnderTest.baseUri().toString(),
                    "RESULTS_DIR", folder.resolve("results").toString());
            return K6Run.run(K6Run.engine(), new K6Folder(folder), file, env, 3, Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
