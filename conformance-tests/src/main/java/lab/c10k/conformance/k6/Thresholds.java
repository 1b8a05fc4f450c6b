package lab.c10k.conformance.k6;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scripts' thresholds, checked as k6 parses them: a metric that exists (built in, or declared by the script),
 * an optional tag selector, and expressions whose aggregation suits the metric's type. The shim does not fail a run
 * on a threshold's value (rates and durations of a few iterations mean nothing), but a selector that matched no
 * sample names a tag or value the script never emits, and that is a broken threshold.
 */
final class Thresholds {

    private static final Pattern KEY = Pattern.compile("([^{}\\s]+)(?:\\{([^{}]*)})?");
    private static final Pattern EXPRESSION = Pattern.compile(
            "\\s*(count|rate|value|avg|min|max|med|p\\((\\d+(?:\\.\\d+)?)\\))\\s*(<=|>=|===|==|!=|<|>)\\s*(-?\\d+(?:\\.\\d+)?)\\s*");
    private static final Map<Metrics.Type, Set<String>> METHODS = Map.of(
            Metrics.Type.COUNTER, Set.of("count", "rate"),
            Metrics.Type.GAUGE, Set.of("value"),
            Metrics.Type.RATE, Set.of("rate"),
            Metrics.Type.TREND, Set.of("avg", "min", "max", "med", "p"));
    private static final Set<String> OBJECT_KEYS = Set.of("threshold", "abortOnFail", "delayAbortEval");

    /** One key of options.thresholds: a metric, maybe narrowed to the samples carrying some tags. */
    record Selector(String key, String metric, Map<String, String> tags) {

        Predicate<Map<String, String>> matcher() {
            return sampleTags -> tags.entrySet().stream()
                    .allMatch(tag -> tag.getValue().equals(sampleTags.get(tag.getKey())));
        }
    }

    private Thresholds() {
    }

    static Selector selector(String key) {
        Matcher matcher = KEY.matcher(key);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("threshold key \"" + key + "\" is not metric or metric{tag:value}");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (matcher.group(2) != null) {
            for (String pair : matcher.group(2).split(",")) {
                String[] parts = pair.split(":", 2);
                if (parts.length != 2 || parts[0].isBlank()) {
                    throw new IllegalArgumentException("threshold key \"" + key + "\": \"" + pair + "\" is not tag:value");
                }
                tags.put(parts[0].strip(), parts[1].strip());
            }
        }
        return new Selector(key, matcher.group(1), tags);
    }

    /** What is wrong with the thresholds, given the metrics and samples of a finished run; empty when nothing. */
    static List<String> problems(JsonNode thresholds, Metrics metrics) {
        List<String> problems = new ArrayList<>();
        if (thresholds.isMissingNode()) {
            return problems;
        }
        thresholds.properties().forEach(entry -> {
            try {
                Selector selector = selector(entry.getKey());
                Metrics.Definition metric = metrics.definition(selector.metric());
                if (metric == null) {
                    problems.add("threshold on " + entry.getKey() + ": no metric " + selector.metric()
                            + " (neither built into k6 nor declared by the script)");
                    return;
                }
                for (String expression : expressions(entry.getKey(), entry.getValue())) {
                    String method = method(expression);
                    if (!METHODS.get(metric.type()).contains(method.startsWith("p(") ? "p" : method)) {
                        problems.add("threshold " + entry.getKey() + ": \"" + expression + "\" uses " + method
                                + ", which a " + metric.type().k6Name() + " does not have");
                    }
                }
                if (!selector.tags().isEmpty() && metrics.samples(selector.metric(), selector.matcher()).isEmpty()) {
                    problems.add("threshold on " + entry.getKey() + " selects no sample: the script never emits "
                            + selector.metric() + " with tags " + selector.tags());
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        });
        return problems;
    }

    /** The expressions of one threshold key: an array of strings or of {threshold, abortOnFail, delayAbortEval}. */
    static List<String> expressions(String key, JsonNode value) {
        if (!value.isArray()) {
            throw new IllegalArgumentException("threshold " + key + " must be an array of expressions");
        }
        List<String> expressions = new ArrayList<>();
        for (JsonNode item : value) {
            if (item.isObject()) {
                item.propertyNames().stream().filter(name -> !OBJECT_KEYS.contains(name)).findFirst().ifPresent(name -> {
                    throw new IllegalArgumentException("threshold " + key + ": unknown field " + name);
                });
                item = item.path("threshold");
            }
            if (!item.isString()) {
                throw new IllegalArgumentException("threshold " + key + ": " + item + " is not an expression");
            }
            expressions.add(item.asString());
        }
        return expressions;
    }

    static String method(String expression) {
        Matcher matcher = EXPRESSION.matcher(expression);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("\"" + expression + "\" is not a k6 threshold expression "
                    + "(aggregation operator number, e.g. p(99)<500)");
        }
        if (matcher.group(2) != null && Double.parseDouble(matcher.group(2)) > 100) {
            throw new IllegalArgumentException("\"" + expression + "\": a percentile is at most 100");
        }
        return matcher.group(1);
    }

    /** Whether the expression holds for this aggregate (reported in the summary, as k6 does; never a failure here). */
    static boolean holds(String expression, double aggregate) {
        Matcher matcher = EXPRESSION.matcher(expression);
        matcher.matches();
        double limit = Double.parseDouble(matcher.group(4));
        return switch (matcher.group(3)) {
            case "<" -> aggregate < limit;
            case "<=" -> aggregate <= limit;
            case ">" -> aggregate > limit;
            case ">=" -> aggregate >= limit;
            case "!=" -> aggregate != limit;
            default -> aggregate == limit;
        };
    }
}
