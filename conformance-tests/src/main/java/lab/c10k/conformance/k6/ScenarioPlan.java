package lab.c10k.conformance.k6;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * How the shim runs one scenario of options.scenarios: its executor's fields checked as k6 checks them, then a few
 * iterations on a few VUs instead of the configured rates and durations. Executors that count iterations run
 * exactly their count (the data file's contractEnv keeps it small); the others run {@code iterations} in all. An
 * arrival-rate executor starts them at its highest rate, and startTime is honoured, so scenarios overlap as in k6.
 */
record ScenarioPlan(String name, String exec, int vus, int iterations, boolean perVu, Duration startTime,
                    Duration interval, Map<String, String> env, Map<String, String> tags) {

    private static final Set<String> COMMON = Set.of("executor", "startTime", "gracefulStop", "exec", "env", "tags");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "shared-iterations", Set.of("vus", "iterations", "maxDuration"),
            "per-vu-iterations", Set.of("vus", "iterations", "maxDuration"),
            "constant-vus", Set.of("vus", "duration"),
            "ramping-vus", Set.of("startVUs", "stages", "gracefulRampDown"),
            "constant-arrival-rate", Set.of("rate", "timeUnit", "duration", "preAllocatedVUs", "maxVUs"),
            "ramping-arrival-rate", Set.of("startRate", "timeUnit", "stages", "preAllocatedVUs", "maxVUs"),
            "externally-controlled", Set.of("vus", "maxVUs", "duration"));
    private static final Map<String, Set<String>> REQUIRED = Map.of(
            "constant-vus", Set.of("duration"),
            "ramping-vus", Set.of("stages"),
            "constant-arrival-rate", Set.of("rate", "duration", "preAllocatedVUs"),
            "ramping-arrival-rate", Set.of("stages", "preAllocatedVUs"),
            "externally-controlled", Set.of("duration"));
    private static final Set<String> DURATIONS = Set.of("startTime", "gracefulStop", "maxDuration", "duration",
            "gracefulRampDown", "timeUnit");

    /** The shim's ceiling on VUs per scenario, and on the iterations of an executor that counts them. */
    static final int MAX_VUS = 4;
    static final int MAX_ITERATIONS = 200;

    static ScenarioPlan of(String name, JsonNode config, Set<String> functions, int iterations) {
        String executor = config.path("executor").asString("");
        if (!FIELDS.containsKey(executor)) {
            throw new IllegalArgumentException("scenario " + name + ": unknown executor \"" + executor + "\"");
        }
        for (String field : config.propertyNames()) {
            if (!COMMON.contains(field) && !FIELDS.get(executor).contains(field)) {
                throw new IllegalArgumentException("scenario " + name + ": " + executor + " has no field " + field);
            }
            if (DURATIONS.contains(field)) {
                Durations.parse(config.path(field).asString());
            }
        }
        for (String field : REQUIRED.getOrDefault(executor, Set.of())) {
            if (config.path(field).isMissingNode()) {
                throw new IllegalArgumentException("scenario " + name + ": " + executor + " needs " + field);
            }
        }
        String exec = config.path("exec").asString("default");
        if (!functions.contains(exec)) {
            throw new IllegalArgumentException("scenario " + name + ": the script exports no function " + exec);
        }
        List<JsonNode> stages = StreamSupport.stream(config.path("stages").spliterator(), false).toList();
        for (JsonNode stage : stages) {
            Durations.parse(stage.path("duration").asString());
            if (!stage.path("target").isNumber()) {
                throw new IllegalArgumentException("scenario " + name + ": a stage without a numeric target");
            }
        }
        int stageMax = stages.stream().mapToInt(s -> s.path("target").asInt()).max().orElse(0);
        int configuredVus = switch (executor) {
            case "ramping-vus" -> Math.max(config.path("startVUs").asInt(1), stageMax);
            case "constant-arrival-rate", "ramping-arrival-rate" -> config.path("preAllocatedVUs").asInt();
            default -> config.path("vus").asInt(1);
        };
        int vus = Math.max(1, Math.min(MAX_VUS, configuredVus));
        boolean counted = executor.endsWith("-iterations");
        int count = counted ? config.path("iterations").asInt(1) * (executor.startsWith("per-vu") ? vus : 1) : iterations;
        if (count > MAX_ITERATIONS) {
            throw new IllegalArgumentException("scenario " + name + " asks for " + count + " iterations; give the "
                    + "contract test smaller parameters in the data file's contractEnv");
        }
        Duration interval = Duration.ZERO;
        if (executor.endsWith("arrival-rate")) {
            double rate = Math.max(config.path("rate").asDouble(0), Math.max(config.path("startRate").asDouble(0), stageMax));
            Duration unit = Durations.parse(config.path("timeUnit").asString("1s"));
            interval = rate > 0 ? Duration.ofNanos(Math.round(unit.toNanos() / rate)) : Duration.ZERO;
        }
        return new ScenarioPlan(name, exec, vus, count, executor.startsWith("per-vu"),
                Durations.parse(config.path("startTime").asString("0s")), interval,
                strings(config.path("env")), strings(config.path("tags")));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
        return out;
    }
}
