package lab.c10k.conformance.k6;

import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.ServiceUnderTest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The k6 scripts (k6/*.js) against the service under test, under the k6 shim: each script's setup, scenario
 * functions, teardown and handleSummary run for a few iterations, with the reduced parameters of its data file's
 * contractEnv. It proves the scripts speak the contract (URLs, bodies, checks, thresholds that select what the
 * scripts emit), not how fast anything is: the configured rates, durations and VU counts never run (a few iterations
 * on at most four VUs per scenario instead).
 */
@ConformanceTest
class K6ScriptsContractTest {

    /** Iterations of each scenario whose executor is driven by time or rate rather than by a count. */
    private static final int ITERATIONS = 3;
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Map<String, String> URL_VARIABLES = Map.of(
            "blocking", "BLOCKING_URL", "reactive", "REACTIVE_URL", "virtual-threads", "VTHREADS_URL");

    @TestFactory
    Stream<DynamicTest> everyScriptPassesEveryCheckAgainstTheService() {
        K6Folder folder = K6Folder.locate();
        assertThat(folder.scripts()).as("scripts in %s", folder.root()).isNotEmpty();
        return folder.scripts().stream()
                .map(script -> DynamicTest.dynamicTest(K6Folder.name(script), () -> contract(folder, script)));
    }

    private static void contract(K6Folder folder, Path script) {
        String model = ServiceUnderTest.expectedModel();
        String testId = "contract-" + K6Folder.name(script) + "-" + model;
        Path results = Path.of("target", "k6-contract").toAbsolutePath();
        Map<String, String> env = new LinkedHashMap<>(folder.contractEnv(script));
        env.put("SERVICE", model);
        env.put(URL_VARIABLES.get(model), ServiceUnderTest.baseUri().toString());
        env.put("RESULTS_DIR", results.toString());
        env.put("TESTID", testId);

        K6Run.Report report = K6Run.run(K6Run.engine(), folder, script, env, ITERATIONS, DEADLINE);

        String context = "k6 " + script.getFileName() + " on " + model + " with " + env + "\nlog:\n"
                + K6Run.tail(report.log(), 40);
        assertThat(report.problems()).as(context).isEmpty();
        assertThat(report.checksPassed()).as("checks that passed; %s", context).isPositive();
        assertThat(report.iterations()).as("iterations per scenario; %s", context).isNotEmpty()
                .allSatisfy((scenario, count) -> assertThat(count).as(scenario).isPositive());
        Path summary = results.resolve(testId).resolve("summary.json");
        assertThat(report.written()).as("files handleSummary wrote; %s", context)
                .contains(summary, results.resolve(testId).resolve("summary.txt"));
        JsonNode written = JsonMapper.builder().build().readTree(summary.toFile());
        assertThat(written.path("meta").path("service").asString()).isEqualTo(model);
        assertThat(written.path("metrics").path("checks").path("values").path("fails").asDouble()).isZero();
    }
}
