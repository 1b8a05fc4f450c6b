package lab.c10k.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective settings of a run: bench/bench.json's {@code full} block, with its {@code quick} block merged over it
 * for {@code --quick}; and the k6 scenario files (the load's data, shared with k6), with the quick block's
 * {@code scenarioOverrides} merged over them. One scenario, one set of data: the harness only scales it down.
 */
record Config(Map<String, Object> bench, Path scenarios, boolean quick) {

    static Config load(Path benchFile, Path scenarios, boolean quick) {
        Map<String, Object> root = Json.read(benchFile);
        Map<String, Object> effective = Json.map(root, "full");
        if (quick) {
            effective = merge(effective, Json.map(root, "quick"));
        }
        Map<String, Object> withShared = new LinkedHashMap<>(effective);
        withShared.put("service", Json.map(root, "services")); // definitions, beside the list "services"
        withShared.put("checks", Json.map(root, "checks"));
        return new Config(withShared, scenarios, quick);
    }

    /** A k6 scenario file's values, with this mode's overrides. */
    Map<String, Object> scenario(String name) {
        Map<String, Object> data = Json.read(scenarios.resolve(name + ".json"));
        return merge(data, Json.map(bench, "scenarioOverrides." + name));
    }

    double num(String path) {
        return Json.num(bench, path);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        over.forEach((key, value) -> {
            Object old = out.get(key);
            if (old instanceof Map<?, ?> oldMap && value instanceof Map<?, ?> newMap) {
                out.put(key, merge((Map<String, Object>) oldMap, (Map<String, Object>) newMap));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }

    /** k6's duration strings ("90s", "2m", "1m30s", "500ms") as a Duration. */
    static Duration duration(Object value) {
        if (value instanceof Number n) {
            return Duration.ofMillis(n.longValue());
        }
        String text = value.toString().trim();
        long millis = 0;
        var matcher = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)").matcher(text);
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                throw new IllegalArgumentException("bad duration " + text);
            }
            double amount = Double.parseDouble(matcher.group(1));
            millis += (long) switch (matcher.group(2)) {
                case "ms" -> amount;
                case "s" -> amount * 1_000;
                case "m" -> amount * 60_000;
                default -> amount * 3_600_000;
            };
            end = matcher.end();
        }
        if (end != text.length() || text.isEmpty()) {
            throw new IllegalArgumentException("bad duration " + text);
        }
        return Duration.ofMillis(millis);
    }

    /**
     * The settings bench.sh and run.sh need, as shell assignments to eval (one JVM start, not one per value).
     * Values are single-quoted; bench.json holds no quotes.
     */
    static String shellVariables(Config config, String service) {
        Map<String, Object> b = config.bench();
        StringBuilder out = new StringBuilder();
        assign(out, "CONF_ROUNDS", Json.at(b, "rounds"));
        assign(out, "CONF_SERVICES", Json.at(b, "services"));
        assign(out, "CONF_SCENARIOS", Json.at(b, "scenarios"));
        assign(out, "CONF_HEAP", Json.at(b, "heap"));
        assign(out, "CONF_SERVICE_CPUS", Json.at(b, "serviceCpus"));
        assign(out, "CONF_CLIENT_CPUS", Json.at(b, "clientCpus"));
        assign(out, "CONF_BASE_PORT", Json.at(b, "basePort"));
        assign(out, "CONF_IDLE_SECONDS", Json.at(b, "start.idleSeconds"));
        StringBuilder jars = new StringBuilder();
        for (Object name : Json.list(b, "services")) {
            String module = String.valueOf(Json.at(b, "service." + name + ".module"));
            jars.append(module).append("/target/").append(module).append("-0.1.0-SNAPSHOT.jar ");
        }
        assign(out, "CONF_JARS", jars.toString().strip());
        if (!service.isEmpty()) {
            assign(out, "CONF_MODULE", Json.at(b, "service." + service + ".module"));
            assign(out, "CONF_ONLY", Json.at(b, "service." + service + ".scenarios"));
            Object start = Json.at(b, "service." + service + ".start");
            assign(out, "CONF_START", start == null ? "aot-cache" : start);
            out.append("CONF_ENV=(");
            Json.map(b, "service." + service + ".env").forEach((k, v) -> out.append('\'').append(k).append('=')
                    .append(v).append("' "));
            out.append(")\n");
        }
        return out.toString();
    }

    private static void assign(StringBuilder out, String name, Object value) {
        out.append(name).append("='").append(forShell(value).replace("'", "")).append("'\n");
    }

    /** For the shell scripts: a scalar, a list joined by spaces, or an object as key=value lines. */
    static String forShell(Object value) {
        if (value instanceof List<?> list) {
            return String.join(" ", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder();
            map.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
            return out.toString().strip();
        }
        return value == null ? "" : String.valueOf(value);
    }
}
