package lab.c10k.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * results.md's overload section: per service and round, the curve (one row per step of offered rate, outcomes and
 * their latency, the process, recovery), and the burst side by side. Every run is shown, invalid ones marked: an
 * overloaded service that fails a check (a 5xx, an OutOfMemoryError) is exactly what the table must show.
 */
final class OverloadReport {

    private static final double MB = 1 / 1048576.0;

    private final Runs runs;
    private final List<String> services;

    OverloadReport(Runs runs, List<String> services) {
        this.runs = runs;
        this.services = services;
    }

    /** The runs of one service, round by round. */
    List<Map<String, Object>> runsOf(String service) {
        return runs.of("overload", service);
    }

    /** The run a chart draws: the valid one of median capacity, else the first (then the chart says invalid). */
    Map<String, Object> chartRun(String service) {
        List<Map<String, Object>> valid = new ArrayList<>(runsOf(service).stream().filter(Runs::valid)
                .filter(r -> r.get("capacityPerSecond") instanceof Number).toList());
        valid.sort((a, b) -> Double.compare(Runs.toDouble(a.get("capacityPerSecond")),
                Runs.toDouble(b.get("capacityPerSecond"))));
        if (!valid.isEmpty()) {
            return valid.get(valid.size() / 2);
        }
        return runsOf(service).isEmpty() ? null : runsOf(service).getFirst();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> steps(Map<String, Object> run) {
        return run == null ? List.of() : Json.list(run, "steps").stream().map(s -> (Map<String, Object>) s)
                .filter(s -> !s.containsKey("skipped")).toList();
    }

    /** Rows of the report's "Side by side": the top step's sales and their p99, the burst's outcome; every run. */
    List<String[]> sideBySide() {
        List<String[]> rows = new ArrayList<>();
        if (!runs.hasScenario("overload")) {
            return rows;
        }
        String top = services.stream().map(this::chartRun).map(OverloadReport::steps).filter(s -> !s.isEmpty())
                .map(s -> String.valueOf(s.getLast().get("name"))).findFirst().orElse("?");
        rows.add(perRun("overload: sold/s at " + top + " capacity, each on its own connection",
                r -> stepAt(r, top).map(s -> num(s, "soldPerSecond", 0)).orElse("—")));
        rows.add(perRun("overload: p99 ms of those sold at " + top,
                r -> stepAt(r, top).map(s -> num(s, "outcomes.sold201.p99Ms", 0)).orElse("—")));
        rows.add(perRun("overload: share shed 503 with Retry-After at " + top, r -> stepAt(r, top).map(s -> {
            double all = ((Number) s.get("purchases")).doubleValue();
            return Report.fmt(100 * Outcomes.count(Json.map(s, "outcomes"), "shed503") / all, 0) + "%";
        }).orElse("—")));
        rows.add(perRun("overload: burst, 201 / 503 / timeouts / connection errors", r -> {
            Map<String, Object> o = Json.map(r, "burst.outcomes");
            return o.isEmpty() ? "—" : Outcomes.count(o, "sold201") + " / "
                    + (Outcomes.count(o, "shed503") + Outcomes.count(o, "bare503")) + " / "
                    + Outcomes.count(o, "timeout") + " / "
                    + (Outcomes.count(o, "connectionError") + Outcomes.count(o, "clientLimit"));
        }));
        return rows;
    }

    private static java.util.Optional<Map<String, Object>> stepAt(Map<String, Object> run, String name) {
        return steps(run).stream().filter(s -> name.equals(s.get("name"))).findFirst();
    }

    /** A row with each run's value, joined, invalid runs marked. */
    private String[] perRun(String name, Function<Map<String, Object>, String> value) {
        String[] row = new String[services.size() + 1];
        row[0] = name;
        for (int i = 0; i < services.size(); i++) {
            List<String> values = runsOf(services.get(i)).stream()
                    .map(r -> value.apply(r) + (Runs.valid(r) ? "" : " (invalid)")).toList();
            row[i + 1] = values.isEmpty() ? "—" : String.join("; ", values);
        }
        return row;
    }

    String markdown() {
        if (!runs.hasScenario("overload")) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Overload: purchases on one train above capacity, each on its own connection\n\n");
        md.append("Capacity: purchases/s the service sold to keep-alive buyers in the same run (best of its capacity"
                + " sales). Each step offers a multiple of it as an open model (arrivals never wait for replies) on a"
                + " train of its own with a seat for every purchase; latency from each purchase's intended start. 503:"
                + " shed with `Retry-After`; \"bare 503\": without it. Timeouts: no reply within the timeout; connection"
                + " errors: refused, reset or closed before a reply. Process figures: peaks over the step's samples."
                + " Recovered: a purchase afterwards sold within the attempts (each after its 503's Retry-After).\n\n");
        for (String service : services) {
            for (Map<String, Object> run : runsOf(service)) {
                md.append("### ").append(service).append(", round ").append(run.get("round")).append(": capacity ")
                        .append(Report.fmt(Runs.toDouble(run.get("capacityPerSecond")), 0)).append(" purchases/s")
                        .append(Runs.valid(run) ? "" : " (**invalid**: see Invalid runs)").append("\n\n");
                md.append("| load | offered/s | replies/s | sold/s | 201 | 201 p50 / p99 ms | 409, other 4xx | 503 |"
                        + " 503 p50 / p99 ms | bare 503 | other 5xx | timeouts | connection errors | RSS peak MB |"
                        + " heap peak MB | GC pauses | alive | recovered |\n");
                md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
                for (Map<String, Object> step : steps(run)) {
                    md.append(row(step)).append('\n');
                }
                for (Object s : Json.list(run, "steps")) {
                    if (s instanceof Map<?, ?> skipped && skipped.containsKey("skipped")) {
                        md.append("| ").append(skipped.get("multiple")).append("x | ").append(skipped.get("skipped"))
                                .append(" |\n");
                    }
                }
                md.append('\n');
            }
        }
        md.append(burstTable());
        return md.toString();
    }

    private static String row(Map<String, Object> step) {
        return "| " + step.get("name") + (Boolean.TRUE.equals(step.get("valid")) ? "" : " (invalid)")
                + " | " + num(step, "offeredRatePerSecond", 0) + " | " + num(step, "answeredPerSecond", 0)
                + " | " + num(step, "soldPerSecond", 0) + " | " + String.join(" | ", outcomeCells(step)) + " |";
    }

    /** The cells shared by a step's row and the burst's column, in the rows' order. */
    private static List<String> outcomeCells(Map<String, Object> load) {
        Map<String, Object> o = Json.map(load, "outcomes");
        return List.of(
                count(o, "sold201"), latency(o, "sold201"),
                Report.fmt((double) (Outcomes.count(o, "status409") + Outcomes.count(o, "other4xx")), 0),
                count(o, "shed503"), latency(o, "shed503"), count(o, "bare503"), count(o, "other5xx"),
                count(o, "timeout"),
                Report.fmt((double) (Outcomes.count(o, "connectionError") + Outcomes.count(o, "clientLimit")), 0),
                Report.fmt(scaled(Json.at(load, "service.maxRssBytes"), MB), 0),
                Report.fmt(scaled(Json.at(load, "service.maxHeapUsedBytes"), MB), 0),
                num(load, "service.gcPauses", 0),
                Boolean.TRUE.equals(load.get("serviceAlive")) ? "yes" : "**no**",
                Boolean.TRUE.equals(Json.at(load, "recovery.recovered"))
                        ? "yes (" + Json.at(load, "recovery.attempts") + " attempts)" : "**no**");
    }

    private String burstTable() {
        List<String> heads = new ArrayList<>();
        List<Map<String, Object>> bursts = new ArrayList<>();
        for (String service : services) {
            for (Map<String, Object> run : runsOf(service)) {
                if (run.get("burst") instanceof Map<?, ?> && Json.at(run, "burst.outcomes") != null) {
                    heads.add(service + " r" + run.get("round")
                            + (Json.at(run, "burst.valid") == Boolean.TRUE ? "" : " (invalid)"));
                    bursts.add(Json.map(run, "burst"));
                }
            }
        }
        if (bursts.isEmpty()) {
            return "";
        }
        String connections = Report.fmt(Runs.toDouble(bursts.getFirst().get("purchases")), 0);
        StringBuilder md = new StringBuilder("### A burst of " + connections
                + " connections at once, one purchase each\n\nOpened as fast as the client can, on one train; latency"
                + " from the burst's start. The client holds at most its descriptor limit at once and opens the rest as"
                + " replies free descriptors (\"open at once, at most\").\n\n| |");
        heads.forEach(h -> md.append(' ').append(h).append(" |"));
        md.append("\n|---|");
        heads.forEach(h -> md.append("---|"));
        md.append('\n');
        List<String> names = List.of("201", "201 p50 / p99 ms", "409, other 4xx", "503", "503 p50 / p99 ms",
                "bare 503", "other 5xx", "timeouts", "connection errors (refused, reset, client limit)", "RSS peak MB",
                "heap peak MB", "GC pauses", "alive", "recovered");
        List<List<String>> cells = bursts.stream().map(OverloadReport::outcomeCells).toList();
        burstRow(md, "open at once, at most", bursts, b -> num(b, "client.maxOpenAtOnce", 0));
        burstRow(md, "seconds to open all", bursts, b -> num(b, "client.secondsToOpenAll", 2));
        for (int i = 0; i < names.size(); i++) {
            int index = i;
            md.append("| ").append(names.get(i)).append(" |");
            cells.forEach(c -> md.append(' ').append(c.get(index)).append(" |"));
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    private static void burstRow(StringBuilder md, String name, List<Map<String, Object>> bursts,
                                 Function<Map<String, Object>, String> cell) {
        md.append("| ").append(name).append(" |");
        bursts.forEach(b -> md.append(' ').append(cell.apply(b)).append(" |"));
        md.append('\n');
    }

    private static String count(Map<String, Object> outcomes, String name) {
        return Report.fmt((double) Outcomes.count(outcomes, name), 0);
    }

    private static String latency(Map<String, Object> outcomes, String name) {
        if (Outcomes.count(outcomes, name) == 0) {
            return "—";
        }
        return Report.fmt(Runs.toDouble(Json.at(outcomes, name + ".p50Ms")), 0) + " / "
                + Report.fmt(Runs.toDouble(Json.at(outcomes, name + ".p99Ms")), 0);
    }

    private static String num(Map<String, Object> map, String path, int decimals) {
        return Report.fmt(Runs.toDouble(Json.at(map, path)), decimals);
    }

    private static Double scaled(Object value, double factor) {
        return value instanceof Number n ? n.doubleValue() * factor : null;
    }
}
