package lab.c10k.conformance.k6;

import org.graalvm.polyglot.HostAccess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The Java side of the k6 shim for one VU: what the shim's modules (resources {@code shim/*.js}) call through the
 * global {@code __shim}. It enforces where k6 allows each call (no requests or checks in the init context, metrics
 * declared only there, scenario information only in an iteration) and records everything into the {@link K6Run}.
 */
public final class Shim {

    enum Phase { INIT, SETUP, ITERATION, TEARDOWN, SUMMARY }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final K6Run run;
    private final int vuId;
    private final ScenarioPlan scenario;
    private Tags tags;
    private Phase phase = Phase.INIT;
    private int iterationInScenario;
    private long iterationInTest;

    Shim(K6Run run, int vuId, ScenarioPlan scenario) {
        this.run = run;
        this.vuId = vuId;
        this.scenario = scenario;
        this.tags = new Tags(Map.of(), Tags.K6_DEFAULT_SYSTEM_TAGS, null, Map.of());
    }

    void enter(Phase next, Tags withTags) {
        phase = next;
        tags = withTags;
    }

    void iteration(int inScenario, long inTest) {
        iterationInScenario = inScenario;
        iterationInTest = inTest;
    }

    Tags tags() {
        return tags;
    }

    @HostAccess.Export
    public String env() {
        Map<String, String> env = new HashMap<>(run.env());
        if (scenario != null) {
            env.putAll(scenario.env());
        }
        return JSON.writeValueAsString(env);
    }

    @HostAccess.Export
    public int vuId() {
        return vuId;
    }

    @HostAccess.Export
    public String open(String path) {
        only(phase == Phase.INIT, "open() is only available in the init context");
        Path file = run.script().getParent().resolve(path).normalize();
        if (!file.startsWith(run.folder().root())) {
            throw new IllegalArgumentException("open(\"" + path + "\") reaches outside the k6 folder");
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("open(\"" + path + "\"): " + e.getMessage(), e);
        }
    }

    @HostAccess.Export
    public String request(String request) {
        notInInit("making HTTP requests");
        return JSON.writeValueAsString(run.http().send(JSON.readTree(request), tags));
    }

    @HostAccess.Export
    public String batch(String requests) {
        notInInit("making HTTP requests");
        return JSON.writeValueAsString(run.http().batch(JSON.readTree(requests), tags));
    }

    @HostAccess.Export
    public void check(String name, boolean ok, String ownTags, String failedReply) {
        notInInit("check()");
        run.metrics().add("checks", ok ? 1 : 0, tags.forSample(Map.of("check", name), strings(ownTags)));
        run.checks().record(tags.group(), name, ok, failedReply);
    }

    @HostAccess.Export
    public void groupEnter(String name) {
        notInInit("group()");
        if (name.contains("::")) {
            throw new IllegalArgumentException("group names may not contain '::'");
        }
        tags.group(tags.group() + "::" + name);
    }

    @HostAccess.Export
    public void groupExit(double millis) {
        run.metrics().add("group_duration", millis, tags.forSample(Map.of(), Map.of()));
        String group = tags.group();
        tags.group(group.substring(0, group.lastIndexOf("::")));
    }

    @HostAccess.Export
    public void sleep(double seconds) {
        try {
            Thread.sleep(Math.round(seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sleeping", e);
        }
    }

    @HostAccess.Export
    public void registerMetric(String name, String type, boolean time) {
        only(phase == Phase.INIT, "metrics must be declared in the init context (new " + type + "(\"" + name + "\"))");
        run.metrics().register(name, type, time);
    }

    @HostAccess.Export
    public void addMetric(String name, double value, String ownTags) {
        notInInit("adding to metrics");
        run.metrics().add(name, value, tags.forSample(Map.of(), strings(ownTags)));
    }

    @HostAccess.Export
    public String scenarioInfo() {
        only(phase == Phase.ITERATION, "exec.scenario is only available in a scenario's iteration");
        ObjectNode info = JSON.createObjectNode();
        info.put("name", scenario.name());
        info.put("executor", "shim");
        info.put("startTime", run.startedAtMillis());
        info.put("progress", Math.min(1.0, (iterationInTest + 1) / (double) scenario.iterations()));
        info.put("iterationInInstance", iterationInTest);
        info.put("iterationInTest", iterationInTest);
        return JSON.writeValueAsString(info);
    }

    @HostAccess.Export
    public String vuInfo() {
        notInInit("exec.vu");
        ObjectNode info = JSON.createObjectNode();
        info.put("idInInstance", vuId);
        info.put("idInTest", vuId);
        info.put("iterationInInstance", iterationInScenario);
        info.put("iterationInScenario", iterationInScenario);
        return JSON.writeValueAsString(info);
    }

    @HostAccess.Export
    public String instanceInfo() {
        ObjectNode info = JSON.createObjectNode();
        info.put("currentTestRunDuration", System.currentTimeMillis() - run.startedAtMillis());
        return JSON.writeValueAsString(info);
    }

    @HostAccess.Export
    public String options() {
        return JSON.writeValueAsString(run.options());
    }

    @HostAccess.Export
    public void fail(String message) {
        run.problem("exec.test.fail() in " + phase.name().toLowerCase() + ": " + message);
    }

    @HostAccess.Export
    public void abort(String message) {
        run.problem("exec.test.abort() in " + phase.name().toLowerCase() + ": " + message);
    }

    private void notInInit(String what) {
        only(phase != Phase.INIT, what + " in the init context is not supported");
    }

    private static void only(boolean allowed, String message) {
        if (!allowed) {
            throw new IllegalStateException(message);
        }
    }

    private static Map<String, String> strings(String json) {
        Map<String, String> out = new HashMap<>();
        JsonNode node = JSON.readTree(json);
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
        return out;
    }
}
