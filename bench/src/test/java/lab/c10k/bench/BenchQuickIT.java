package lab.c10k.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness end to end: {@code bench/bench.sh --quick} against the three services' packaged jars, on MySQL and
 * Redis, must produce a report whose self-checks all passed, and leave no database or Redis key behind.
 */
class BenchQuickIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void quickRunProducesAReportWhoseSelfChecksPass() throws Exception {
        Path out = Path.of("target", "bench-it", "quick").toAbsolutePath();
        Path log = out.resolveSibling("bench.log");
        Files.createDirectories(out.getParent());
        Process bench = new ProcessBuilder("bash", "bench/bench.sh", "--quick", "--no-build", "--out", out.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // A bound against a hung run, not a measurement.
        boolean ended = bench.waitFor(30, TimeUnit.MINUTES);
        if (!ended) {
            bench.destroyForcibly();
        }
        System.out.println(Files.readString(log));
        assertThat(ended).as("bench.sh ended").isTrue();

        // Whatever the checks say, the run's databases and Redis keys are gone.
        Map<String, Object> env = Json.read(out.resolve("env.json"));
        String runId = String.valueOf(env.get("runId"));
        assertThat(shell("mariadb", "--protocol=TCP", "-h" + setting("MYSQL_HOST", "127.0.0.1"),
                "-P" + setting("MYSQL_PORT", "3306"), "-u" + setting("MYSQL_USER", "root"), "-N", "-B", "-e",
                "SHOW DATABASES LIKE 'c10k\\_bench\\_" + runId + "%'")).as("databases left").isBlank();
        assertThat(shell("redis-cli", "-h", setting("REDIS_HOST", "127.0.0.1"), "-p", setting("REDIS_PORT", "6379"),
                "--scan", "--pattern", "c10k-bench-" + runId + "-*")).as("Redis keys left").isBlank();

        // Every service and every scenario measured, and the report written.
        for (Object service : Json.list(env, "services")) {
            try (var runs = Files.list(out.resolve("runs"))) {
                assertThat(runs.map(p -> p.getFileName().toString()).filter(n -> n.contains("-" + service + "-")))
                        .as("runs of " + service).isNotEmpty();
            }
        }
        for (String scenario : List.of("start", "closed", "open", "flash-sale", "c10k", "overload")) {
            try (var runs = Files.list(out.resolve("runs"))) {
                assertThat(runs.filter(p -> p.toString().endsWith("-" + scenario + ".json"))).as(scenario).isNotEmpty();
            }
        }
        assertThat(Files.readString(out.resolve("results.md"))).contains("## Side by side", "start: ms to the first answer",
                "## Overload: purchases on one train above capacity", "### A burst of",
                "How each started: blocking: aot-cache");
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("echarts.init", "id=\"chart0\"").doesNotContain("src=\"http");

        // And every self-check passed (the failed ones are named in the failure).
        Map<String, Object> summary = Json.read(out.resolve("summary.json"));
        assertThat(summary.get("failedChecks")).asList().as("failed self-checks").isEmpty();
        assertThat(summary.get("valid")).isEqualTo(true);
        assertThat(Files.readString(out.resolve("results.md"))).contains("Self-checks: all passed");
        assertThat(bench.exitValue()).as("bench.sh exit status (3: a run is invalid)").isZero();
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String shell(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MYSQL_PWD", setting("MYSQL_PASSWORD", ""));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }
}
