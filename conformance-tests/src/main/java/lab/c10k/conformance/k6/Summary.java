package lab.c10k.conformance.k6;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * The data k6 hands to handleSummary (its documented format): metrics with their aggregates, a sub-metric entry
 * for every threshold that selects tags, each threshold's outcome, the checks in root_group, options and state.
 */
final class Summary {

    private static final List<String> K6_TREND_STATS = List.of("avg", "min", "med", "max", "p(90)", "p(95)");

    private Summary() {
    }

    static ObjectNode data(JsonMapper json, K6Run run, double seconds) {
        JsonNode options = run.options();
        List<String> trendStats = options.path("summaryTrendStats").isArray()
                ? options.path("summaryTrendStats").valueStream().map(JsonNode::asString).toList() : K6_TREND_STATS;
        ObjectNode data = json.createObjectNode();
        ObjectNode metrics = data.putObject("metrics");
        for (String name : run.metrics().namesWithSamples()) {
            metrics.set(name, metric(json, run.metrics(), new Thresholds.Selector(name, name, Map.of()), trendStats, seconds));
        }
        options.path("thresholds").properties().forEach(entry -> {
            Thresholds.Selector selector = Thresholds.selector(entry.getKey());
            Metrics.Definition definition = run.metrics().definition(selector.metric());
            List<Metrics.Sample> samples = run.metrics().samples(selector.metric(), selector.matcher());
            if (definition == null || (samples.isEmpty() && !metrics.has(entry.getKey()))) {
                return;
            }
            ObjectNode metric = metrics.has(entry.getKey()) ? (ObjectNode) metrics.get(entry.getKey())
                    : metric(json, run.metrics(), selector, trendStats, seconds);
            ObjectNode outcomes = metric.putObject("thresholds");
            for (String expression : Thresholds.expressions(entry.getKey(), entry.getValue())) {
                double value = Metrics.aggregate(definition.type(), samples, Thresholds.method(expression), seconds);
                outcomes.putObject(expression).put("ok", Thresholds.holds(expression, value));
            }
            metrics.set(entry.getKey(), metric);
        });
        data.set("root_group", run.checks().rootGroup(json));
        ObjectNode summaryOptions = data.putObject("options");
        summaryOptions.set("summaryTrendStats", json.valueToTree(trendStats));
        summaryOptions.put("summaryTimeUnit", "");
        summaryOptions.put("noColor", false);
        ObjectNode state = data.putObject("state");
        state.put("isStdOutTTY", false);
        state.put("isStdErrTTY", false);
        state.put("testRunDurationMs", seconds * 1000);
        return data;
    }

    private static ObjectNode metric(JsonMapper json, Metrics metrics, Thresholds.Selector selector,
                                     List<String> trendStats, double seconds) {
        Metrics.Definition definition = metrics.definition(selector.metric());
        List<Metrics.Sample> samples = metrics.samples(selector.metric(), selector.matcher());
        ObjectNode metric = json.createObjectNode();
        metric.put("type", definition.type().k6Name());
        metric.put("contains", definition.time() ? "time" : selector.metric().startsWith("data_") ? "data" : "default");
        ObjectNode values = metric.putObject("values");
        List<String> methods = switch (definition.type()) {
            case COUNTER -> List.of("count", "rate");
            case GAUGE -> List.of("value", "min", "max");
            case RATE -> List.of("rate", "passes", "fails");
            case TREND -> trendStats;
        };
        for (String method : methods) {
            values.put(method, Metrics.aggregate(definition.type(), samples, method, seconds));
        }
        return metric;
    }
}
