package lab.c10k.conformance.k6;

import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs one k6 script under the shim, in k6's order: the init context (options), setup, every scenario (each VU its
 * own runtime on its own platform thread, scenarios side by side), teardown, handleSummary. It is a contract test
 * of the script, not a load test: a few iterations per scenario, never the configured rates or durations.
 */
final class K6Run {

    /** What the run found wrong, what ran, what was written. */
    record Report(List<String> problems, long checksPassed, Map<String, Integer> iterations, List<Path> written,
                  String log) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final K6Folder folder;
    private final Path script;
    private final Map<String, String> env;
    private final int iterations;
    private final Duration deadline;
    private final Metrics metrics = new Metrics();
    private final Checks checks = new Checks();
    private final ShimHttp http = new ShimHttp(metrics);
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final List<Path> written = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> ran = new ConcurrentHashMap<>();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    private final long startedAtMillis = System.currentTimeMillis();
    private JsonNode options = JSON.createObjectNode();

    private K6Run(K6Folder folder, Path script, Map<String, String> env, int iterations, Duration deadline) {
        this.folder = folder;
        this.script = script;
        this.env = Map.copyOf(env);
        this.iterations = iterations;
        this.deadline = deadline;
    }

    /**
     * The engine that runs every VU's context, one per test JVM (it holds no thread, and sharing it shares the parsed
     * code of the shim and the scripts between runs). On a JDK without Graal's compiler it interprets, which is
     * plenty for a few iterations, so its warning about that is turned off.
     */
    static Engine engine() {
        return SharedEngine.ENGINE;
    }

    private static final class SharedEngine {
        static final Engine ENGINE = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false")
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build();
    }

    /** Runs the script with this environment (k6's __ENV; nothing of the process's own) and reports. */
    static Report run(Engine engine, K6Folder folder, Path script, Map<String, String> env, int iterations,
                      Duration deadline) {
        K6Run run = new K6Run(folder, script, env, iterations, deadline);
        try (run.http) {
            run.execute(engine);
        } catch (RuntimeException e) {
            run.problem("the shim failed: " + describe(e));
        }
        run.problems.addAll(0, run.checks.failures());
        return new Report(List.copyOf(run.problems), run.checks.passes(), Map.copyOf(run.ran),
                List.copyOf(run.written), run.logBytes.toString(StandardCharsets.UTF_8));
    }

    private void execute(Engine engine) {
        ShimFileSystem files = new ShimFileSystem(folder.root());
        Shim initShim = new Shim(this, 0, null);
        Vu init = guarded("the init context", () -> new Vu(engine, script, files, initShim, log));
        if (init == null) {
            return;
        }
        try (init) {
            options = JSON.readTree(init.exportJson("options"));
            List<ScenarioPlan> plans = ScenarioOptions.plans(options, init.exportedFunctions(), iterations, this::problem);
            if (!problems.isEmpty()) {
                return;
            }
            String data = "null";
            if (init.exports("setup")) {
                initShim.enter(Shim.Phase.SETUP, tags(null));
                data = guarded("setup()", () -> init.call("setup", null));
                if (data == null) {
                    return;
                }
            }
            new Scenarios(this, engine, files, deadline).run(plans, data);
            if (init.exports("teardown")) {
                initShim.enter(Shim.Phase.TEARDOWN, tags(null));
                String setupData = data;
                guarded("teardown()", () -> init.call("teardown", setupData));
            }
            problems.addAll(Thresholds.problems(options.path("thresholds"), metrics));
            if (init.exports("handleSummary")) {
                initShim.enter(Shim.Phase.SUMMARY, tags(null));
                double seconds = (System.currentTimeMillis() - startedAtMillis) / 1000.0;
                String summary = JSON.writeValueAsString(Summary.data(JSON, this, seconds));
                guarded("handleSummary()", () -> {
                    writeSummary(init.callRaw("handleSummary", summary));
                    return "";
                });
            }
        }
    }

    /** The tags of a VU in this scenario (or in setup, teardown and handleSummary when null). */
    Tags tags(ScenarioPlan plan) {
        Map<String, String> test = new HashMap<>();
        options.path("tags").properties().forEach(e -> test.put(e.getKey(), e.getValue().asString()));
        Set<String> system = options.path("systemTags").isArray()
                ? Set.copyOf(options.path("systemTags").valueStream().map(JsonNode::asString).toList())
                : Tags.K6_DEFAULT_SYSTEM_TAGS;
        return new Tags(test, system, plan == null ? null : plan.name(), plan == null ? Map.of() : plan.tags());
    }

    /** k6 writes each output of handleSummary to its path (relative to the working directory) or stdout/stderr. */
    private void writeSummary(Value outputs) {
        Path results = Path.of(env.getOrDefault("RESULTS_DIR", "results/k6")).toAbsolutePath().normalize();
        for (String key : outputs.getMemberKeys()) {
            String content = outputs.getMember(key).asString();
            if (key.equals("stdout") || key.equals("stderr")) {
                log.print(content);
                continue;
            }
            Path file = Path.of(key).toAbsolutePath().normalize();
            if (!file.startsWith(results)) {
                problem("handleSummary writes " + key + ", outside RESULTS_DIR " + results);
                continue;
            }
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, content);
                written.add(file);
            } catch (IOException e) {
                problem("handleSummary could not write " + file + ": " + e.getMessage());
            }
        }
    }

    /** Runs a step of the script; an exception (a JavaScript error, fail(), a shim refusal) becomes a problem. */
    <T> T guarded(String where, Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            problem(where + ": " + describe(e));
            return null;
        }
    }

    private static String describe(RuntimeException e) {
        if (e instanceof PolyglotException polyglot) {
            StringBuilder out = new StringBuilder(String.valueOf(polyglot.getMessage()));
            polyglot.getPolyglotStackTrace().forEach(frame -> {
                if (frame.isGuestFrame() && frame.getSourceLocation() != null) {
                    out.append("\n    at ").append(frame);
                }
            });
            return out.toString();
        }
        return e.toString();
    }

    void problem(String problem) {
        problems.add(problem);
    }

    K6Folder folder() {
        return folder;
    }

    Path script() {
        return script;
    }

    Map<String, String> env() {
        return env;
    }

    Metrics metrics() {
        return metrics;
    }

    Checks checks() {
        return checks;
    }

    ShimHttp http() {
        return http;
    }

    JsonNode options() {
        return options;
    }

    long startedAtMillis() {
        return startedAtMillis;
    }

    PrintStream log() {
        return log;
    }

    void ran(String scenario) {
        ran.merge(scenario, 1, Integer::sum);
    }

    /** The log's last lines, for a failure message. */
    static String tail(String log, int lines) {
        List<String> all = log.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
