package lab.c10k.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * report.html: the results' tables and charts drawn by Apache ECharts (its "common" build from the webjar
 * org.webjars.npm:echarts), inlined so that the file opens offline and alone.
 */
final class ReportHtml {

    private static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.common.min.js";

    private final Report report;

    ReportHtml(Report report) {
        this.report = report;
    }

    String html() {
        List<Map<String, Object>> charts = new ArrayList<>();
        List<String> services = report.services();
        for (String endpoint : report.endpoints()) {
            List<Map<String, Object>> series = new ArrayList<>();
            for (String s : services) {
                series.add(series(s, "line", report.concurrencies().stream()
                        .map(c -> nan(report.closed(s, endpoint, c).median())).toList()));
            }
            charts.add(chart("Closed model: GET " + Report.label(endpoint) + ", req/s (median of valid rounds)",
                    "connections", report.concurrencies().stream().map(String::valueOf).toList(), "req/s", series));
        }
        if (report.runs().hasScenario("open")) {
            List<String> ps = List.of("p50", "p90", "p99", "p99.9");
            List<String> keys = List.of("p50Ms", "p90Ms", "p99Ms", "p999Ms");
            List<Map<String, Object>> series = new ArrayList<>();
            for (String s : services) {
                series.add(series(s, "bar", keys.stream().map(k -> nan(report.stat("open", s,
                        "result.latencyFromIntendedStart." + k).median())).toList()));
            }
            charts.add(chart("Open model at " + report.openRate() + " req/s: latency percentiles from the intended start, ms",
                    "percentile", ps, "ms", series));
        }
        if (report.runs().hasScenario("c10k")) {
            charts.add(bars("C10K: resident memory per waiting poll, KB", services, List.of("KB per poll"),
                    s -> java.util.Arrays.asList(nan(report.stat("c10k", s, "result.memory.rssBytesPerWaitingPoll").median() / 1024))));
            charts.add(bars("C10K: RSS before and while " + report.c10kPolls() + " polls were held, MB", services,
                    List.of("before", "held"), s -> java.util.Arrays.asList(
                            nan(report.stat("c10k", s, "result.before.rssBytes").median() / 1048576),
                            nan(report.stat("c10k", s, "result.held.rssBytes").median() / 1048576))));
            charts.add(bars("C10K: threads while held", services, List.of("OS threads", "JVM platform", "virtual, mounted or queued"),
                    s -> java.util.Arrays.asList(nan(report.stat("c10k", s, "result.held.osThreads").median()),
                            nan(report.stat("c10k", s, "result.held.jvmLiveThreads").median()),
                            nan(report.stat("c10k", s, "result.held.virtualThreads").median()))));
            List<Map<String, Object>> series = new ArrayList<>();
            List<String> xs = null;
            for (String s : services) {
                Map<String, Object> run = report.medianRun("c10k", s, "result.wakeUpFromSaleSent.p99Ms");
                List<Object> curve = run == null ? List.of() : Json.list(run, "result.wakeUpCurve");
                if (xs == null && !curve.isEmpty()) {
                    xs = curve.stream().map(p -> Report.fmt(((Number) ((List<?>) p).get(0)).doubleValue(), 1)).toList();
                }
                series.add(series(s, "line", curve.stream().map(p -> ((Number) ((List<?>) p).get(1)).doubleValue())
                        .map(ReportHtml::nan).toList()));
            }
            charts.add(chart("C10K: wake-up latency distribution after one sale (ms from the sale sent, median round)",
                    "percentile", xs == null ? List.of() : xs, "ms", series));
        }
        if (report.runs().hasScenario("overload")) {
            charts.addAll(overloadCharts(new OverloadReport(report.runs(), services), services));
        }
        StringBuilder html = new StringBuilder();
        html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>c10k-lab benchmark ")
                .append(escape(String.valueOf(report.env().getOrDefault("date", "")))).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;")
                .append("text-align:right}td:first-child{text-align:left}.chart{height:380px;margin:2em 0}")
                .append("pre{white-space:pre-wrap;background:#f6f6f6;padding:1em}</style>\n<script>");
        html.append(echarts()).append("</script></head><body>\n");
        html.append("<h1>c10k-lab benchmark</h1>\n");
        html.append("<p>Every figure: the median of the valid rounds (min–max). Tables as in results.md.</p>\n");
        for (int i = 0; i < charts.size(); i++) {
            html.append("<div class=\"chart\" id=\"chart").append(i).append("\"></div>\n");
        }
        html.append("<h2>Results</h2>\n<pre>").append(escape(read("results.md"))).append("</pre>\n");
        html.append("<h2>Environment</h2>\n<pre>").append(escape(Json.write(report.env()))).append("</pre>\n");
        html.append("<script>\nconst charts = ").append(Json.compact(charts).replace("</", "<\\/")).append(";\n")
                .append("charts.forEach((o, i) => echarts.init(document.getElementById('chart' + i)).setOption(o));\n")
                .append("</script>\n</body></html>\n");
        return html.toString();
    }

    /**
     * The overload curve: per model, against the offered rate (a multiple of its own capacity), what it sold, what it
     * shed, and their p99; then the burst's outcomes. Each service's median round by capacity (or its only run).
     */
    private static List<Map<String, Object>> overloadCharts(OverloadReport overload, List<String> services) {
        List<String> xs = services.stream().map(overload::chartRun).map(OverloadReport::steps)
                .filter(s -> !s.isEmpty()).findFirst().orElse(List.of()).stream()
                .map(s -> String.valueOf(s.get("name"))).toList();
        String[][] curves = {
                {"Overload: purchases sold per second, against the offered rate (x its capacity)", "sold/s", "soldPerSecond"},
                {"Overload: p99 ms of the purchases sold (201), from the intended start", "ms", "outcomes.sold201.p99Ms"},
                {"Overload: purchases shed with 503 and Retry-After, per step", "503s", "outcomes.shed503.count"},
                {"Overload: p99 ms of the 503s", "ms", "outcomes.shed503.p99Ms"},
                {"Overload: timeouts and connection errors, per step", "count", null},
                {"Overload: peak RSS of the service during the step, MB", "MB", "service.maxRssBytes"}};
        List<Map<String, Object>> charts = new ArrayList<>();
        for (String[] curve : curves) {
            List<Map<String, Object>> series = new ArrayList<>();
            for (String s : services) {
                List<Map<String, Object>> steps = OverloadReport.steps(overload.chartRun(s));
                series.add(series(s, "line", xs.stream().map(x -> steps.stream().filter(p -> x.equals(p.get("name")))
                        .findFirst().map(p -> stepValue(p, curve[2])).orElse(null)).toList()));
            }
            charts.add(chart(curve[0], "offered rate, multiple of the service's capacity", xs, curve[1], series));
        }
        charts.add(bars("Overload: a burst of connections at once, outcomes", services,
                List.of("201", "503", "timeouts", "connection errors"), s -> {
                    Map<String, Object> o = Json.map(overload.chartRun(s) == null ? Map.of() : overload.chartRun(s),
                            "burst.outcomes");
                    return java.util.Arrays.asList((double) Outcomes.count(o, "sold201"),
                            (double) (Outcomes.count(o, "shed503") + Outcomes.count(o, "bare503")),
                            (double) Outcomes.count(o, "timeout"),
                            (double) (Outcomes.count(o, "connectionError") + Outcomes.count(o, "clientLimit")));
                }));
        return charts;
    }

    private static Double stepValue(Map<String, Object> step, String path) {
        if (path == null) {
            Map<String, Object> o = Json.map(step, "outcomes");
            return (double) (Outcomes.count(o, "timeout") + Outcomes.count(o, "connectionError")
                    + Outcomes.count(o, "clientLimit"));
        }
        Double value = Runs.toDouble(Json.at(step, path));
        if (value != null && path.endsWith("Bytes")) {
            return value / 1048576;
        }
        return value;
    }

    private interface Values {
        List<Double> of(String service);
    }

    /** A bar chart with one group per service and one bar per measure. */
    private static Map<String, Object> bars(String title, List<String> services, List<String> measures, Values values) {
        List<Map<String, Object>> series = new ArrayList<>();
        for (int m = 0; m < measures.size(); m++) {
            int index = m;
            series.add(series(measures.get(m), "bar", services.stream().map(s -> values.of(s).get(index)).toList()));
        }
        return chart(title, "", services, "", series);
    }

    private static Map<String, Object> series(String name, String type, List<Double> data) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("name", name);
        series.put("type", type);
        series.put("data", data.stream().map(v -> v == null || v.isNaN() ? null : v).toList());
        return series;
    }

    private static Map<String, Object> chart(String title, String xName, List<String> xs, String yName,
                                             List<Map<String, Object>> series) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("animation", false); // a report: drawn whole at once, printable, and screenshots show all of it
        option.put("title", Map.of("text", title, "textStyle", Map.of("fontSize", 14)));
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("legend", Map.of("top", 28));
        option.put("grid", Map.of("top", 70, "left", 70, "right", 40, "bottom", 50));
        option.put("xAxis", Map.of("type", "category", "name", xName, "data", xs, "nameLocation", "middle",
                "nameGap", 28));
        option.put("yAxis", Map.of("type", "value", "name", yName));
        option.put("series", series);
        return option;
    }

    private static Double nan(Double value) {
        return value == null || value.isNaN() ? null : value;
    }

    private String read(String name) {
        try {
            return java.nio.file.Files.readString(report.dir().resolve(name));
        } catch (IOException e) {
            return "";
        }
    }

    private static String echarts() {
        try (InputStream in = ReportHtml.class.getClassLoader().getResourceAsStream(ECHARTS)) {
            if (in == null) {
                throw new IllegalStateException(ECHARTS + " is not on the classpath (org.webjars.npm:echarts)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
