package lab.c10k.conformance.k6;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The script's options, checked before anything runs as k6 checks them (options the shim does not know, system tags
 * k6 does not have, thresholds it cannot parse, scenario names and executor fields), and the plan of each scenario.
 */
final class ScenarioOptions {

    private static final Set<String> OPTIONS = Set.of("scenarios", "thresholds", "tags", "systemTags",
            "summaryTrendStats", "setupTimeout", "teardownTimeout", "noConnectionReuse", "noVUConnectionReuse");
    private static final Set<String> SYSTEM_TAGS = Set.of("proto", "subproto", "status", "method", "url", "name",
            "group", "check", "error", "error_code", "tls_version", "scenario", "service", "expected_response", "vu",
            "iter", "ip", "ocsp_status");

    private ScenarioOptions() {
    }

    static List<ScenarioPlan> plans(JsonNode options, Set<String> functions, int iterations, Consumer<String> problem) {
        List<ScenarioPlan> plans = new ArrayList<>();
        options.propertyNames().stream().filter(key -> !OPTIONS.contains(key)).forEach(key ->
                problem.accept("options." + key + " is not implemented by the shim (or not a k6 option)"));
        options.path("systemTags").valueStream().map(JsonNode::asString).filter(tag -> !SYSTEM_TAGS.contains(tag))
                .forEach(tag -> problem.accept("options.systemTags: " + tag + " is not a k6 system tag"));
        try {
            // k6 refuses to start with a threshold it cannot parse; whether it selects samples is known after the run.
            options.path("thresholds").properties().forEach(t -> Thresholds.expressions(t.getKey(), t.getValue())
                    .forEach(Thresholds::method));
        } catch (IllegalArgumentException e) {
            problem.accept(e.getMessage());
        }
        JsonNode scenarios = options.path("scenarios");
        if (scenarios.isMissingNode()) {
            problem.accept("the shim runs only scripts that declare options.scenarios");
        }
        scenarios.properties().forEach(entry -> {
            try {
                if (!entry.getKey().matches("[0-9A-Za-z_-]+")) {
                    throw new IllegalArgumentException("scenario name \"" + entry.getKey() + "\" is not allowed by k6");
                }
                plans.add(ScenarioPlan.of(entry.getKey(), entry.getValue(), functions, iterations));
            } catch (IllegalArgumentException e) {
                problem.accept(e.getMessage());
            }
        });
        return plans;
    }
}
