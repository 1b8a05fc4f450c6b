package lab.c10k.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a results folder into results.md, report.html (charts) and summary.json. Every figure is the median of the
 * valid rounds with min and max beside it; invalid runs are listed with the check they failed, never averaged in.
 */
final class Report {

    private final Path dir;
    private final Map<String, Object> env;
    private final Runs runs;

    Report(Path dir) {
        this.dir = dir;
        this.env = Files.exists(dir.resolve("env.json")) ? Json.read(dir.resolve("env.json")) : Map.of();
        this.runs = Runs.load(dir, Json.list(env, "services").stream().map(String::valueOf).toList());
    }

    void write() throws java.io.IOException {
        List<String> failures = runs.failures();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("runs", runs.all().size());
        summary.put("invalidRuns", runs.all().stream().filter(r -> !r.containsKey("unavailable") && !Runs.valid(r)).count());
        summary.put("failedChecks", failures);
        summary.put("unavailable", runs.services().stream().filter(s -> runs.unavailable(s) != null)
                .map(s -> s + ": " + runs.unavailable(s)).toList());
        summary.put("valid", failures.isEmpty() && !runs.all().isEmpty());
        Json.write(dir.resolve("summary.json"), summary);
        Files.writeString(dir.resolve("results.md"), markdown(failures));
        Files.writeString(dir.resolve("report.html"), new ReportHtml(this).html());
        Progress.say("report: %s (%s)", dir.resolve("results.md"),
                Boolean.TRUE.equals(summary.get("valid")) ? "every self-check passed" : failures.size() + " failed checks");
    }

    Path dir() {
        return dir;
    }

    Runs runs() {
        return runs;
    }

    Map<String, Object> env() {
        return env;
    }

    List<String> services() {
        return runs.services().stream().filter(s -> runs.unavailable(s) == null).toList();
    }

    // --- the figures ------------------------------------------------------------------------------------------

    List<String> endpoints() {
        return points().stream().map(p -> String.valueOf(p.get("endpoint"))).distinct().toList();
    }

    List<Integer> concurrencies() {
        return points().stream().map(p -> ((Number) p.get("connections")).intValue()).distinct().sorted().toList();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> points() {
        List<Map<String, Object>> out = new ArrayList<>();
        runs.all().stream().filter(r -> "closed".equals(r.get("scenario")))
                .forEach(r -> Json.list(r, "points").forEach(p -> out.add((Map<String, Object>) p)));
        return out;
    }

    /** Requests/s of one endpoint at one concurrency: points whose own checks and whose warm-up passed. */
    @SuppressWarnings("unchecked")
    Stats closed(String service, String endpoint, int connections) {
        List<Double> values = new ArrayList<>();
        for (Map<String, Object> run : runs.of("closed", service)) {
            boolean warm = Json.list(run, "warmUp").stream().map(w -> (Map<String, Object>) w)
                    .filter(w -> endpoint.equals(w.get("endpoint"))).allMatch(w -> Boolean.TRUE.equals(w.get("stable")));
            for (Object p : Json.list(run, "points")) {
                Map<String, Object> point = (Map<String, Object>) p;
                if (warm && endpoint.equals(point.get("endpoint")) && Boolean.TRUE.equals(point.get("valid"))
                        && ((Number) point.get("connections")).intValue() == connections) {
                    values.add(((Number) point.get("requestsPerSecond")).doubleValue());
                }
            }
        }
        return Stats.of(values);
    }

    /** The best median over the concurrencies measured: the endpoint's peak throughput. */
    Stats peak(String service, String endpoint) {
        Stats best = Stats.of(List.of());
        for (int c : concurrencies()) {
            Stats s = closed(service, endpoint, c);
            if (s.n() > 0 && (best.n() == 0 || s.median() > best.median())) {
                best = s;
            }
        }
        return best;
    }

    Stats stat(String scenario, String service, String path) {
        return runs.stats(scenario, service, Runs.at(path));
    }

    /** The valid run of a scenario whose value at {@code path} is the median one (its curve is drawn). */
    Map<String, Object> medianRun(String scenario, String service, String path) {
        List<Map<String, Object>> valid = new ArrayList<>(runs.of(scenario, service).stream().filter(Runs::valid)
                .filter(r -> Json.at(r, path) instanceof Number).toList());
        valid.sort((a, b) -> Double.compare(((Number) Json.at(a, path)).doubleValue(),
                ((Number) Json.at(b, path)).doubleValue()));
        return valid.isEmpty() ? null : valid.get(valid.size() / 2);
    }

    /** A row of text values (a C10K outcome that is not a number): each valid run's value, joined. */
    String texts(String scenario, String service, Function<Map<String, Object>, String> value) {
        List<String> values = runs.of(scenario, service).stream().filter(Runs::valid).map(value).distinct().toList();
        return values.isEmpty() ? "—" : String.join("; ", values);
    }

    // --- markdown ---------------------------------------------------------------------------------------------

    private String markdown(List<String> failures) {
        StringBuilder md = new StringBuilder();
        md.append("# c10k-lab benchmark: ").append(env.getOrDefault("date", "?")).append('\n').append('\n');
        if (Boolean.TRUE.equals(env.get("quick"))) {
            md.append("> **A quick run** (`--quick`): a few seconds per measurement, a few hundred connections. It shows\n"
                    + "> the format and that every check works; its numbers are not a comparison.\n\n");
        }
        md.append("Machine: ").append(env.getOrDefault("cpuModel", "?")).append(", ").append(env.getOrDefault("cpus", "?"))
                .append(" CPUs, ").append(env.getOrDefault("memory", "?")).append(", kernel ")
                .append(env.getOrDefault("kernel", "?")).append(". Java ").append(env.getOrDefault("java", "?"))
                .append(", Spring Boot ").append(env.getOrDefault("springBoot", "?")).append(".  \n");
        md.append("Command: `").append(env.getOrDefault("command", "?")).append("`  \n");
        md.append("JVM: `").append(env.getOrDefault("jvmFlags", "?")).append("`; service on CPU ")
                .append(env.getOrDefault("serviceCpus", "?")).append(", load generators on CPU ")
                .append(env.getOrDefault("clientCpus", "?")).append(" (taskset).  \n");
        md.append("Rounds: ").append(env.getOrDefault("rounds", "?"))
                .append(", services alternating (A B C, C B A, ...); each cell is the median of the valid rounds "
                        + "(min–max), n = valid rounds; \"invalid\": every run that could give it failed a self-check (listed "
                        + "below); \"—\": nothing to measure.\n\n");
        md.append(failures.isEmpty() ? "**Self-checks: all passed.**\n\n"
                : "**Self-checks: " + failures.size() + " failed; those runs are left out of the figures.**\n\n");
        md.append(tldr()).append('\n');
        md.append(startTable()).append(closedTables()).append(openTable()).append(flashTable()).append(c10kTable())
                .append(new OverloadReport(runs, services()).markdown());
        if (!failures.isEmpty()) {
            md.append("## Invalid runs\n\n");
            failures.forEach(f -> md.append("- ").append(f).append('\n'));
            md.append('\n');
        }
        List<String> unavailable = runs.services().stream().filter(s -> runs.unavailable(s) != null).toList();
        if (!unavailable.isEmpty()) {
            md.append("## Unavailable here\n\n");
            unavailable.forEach(s -> md.append("- ").append(s).append(": ").append(runs.unavailable(s)).append('\n'));
            md.append('\n');
        }
        md.append("Raw data: `runs/*.json` (every window, point, sample and check), `env.json`, `config/`, `logs/`.\n");
        return md.toString();
    }

    /** The models side by side, each figure with its ratio to the first service (blocking). */
    String tldr() {
        List<String> services = services();
        List<String[]> rows = new ArrayList<>();
        for (String endpoint : endpoints()) {
            rows.add(row("closed: GET " + label(endpoint) + " peak req/s", "closed", services, s -> peak(s, endpoint), 0));
        }
        if (runs.hasScenario("start")) {
            rows.add(row("start: ms to the first answer", "start", services, s -> stat("start", s, "result.firstAnswerMs"), 0));
            rows.add(row("start: MB resident at rest", "start", services,
                    s -> scaled(stat("start", s, "result.idleRssBytes"), 1 / 1048576.0), 0));
        }
        if (runs.hasScenario("open")) {
            rows.add(row("open: p99 ms at " + openRate() + " req/s", "open", services,
                    s -> stat("open", s, "result.latencyFromIntendedStart.p99Ms"), 1));
        }
        if (runs.hasScenario("flash-sale")) {
            rows.add(row("flash sale: purchases/s", "flash-sale", services, s -> stat("flash-sale", s, "result.purchasesPerSecond"), 0));
        }
        if (runs.hasScenario("c10k")) {
            rows.add(row("C10K: polls held (gauge) of " + c10kPolls(), "c10k", services,
                    s -> stat("c10k", s, "result.held.longPollsWaiting"), 0));
            rows.add(row("C10K: woken by one sale", "c10k", services, s -> stat("c10k", s, "result.woken"), 0));
            rows.add(row("C10K: wake-up p99 ms", "c10k", services, s -> stat("c10k", s, "result.wakeUpFromSaleSent.p99Ms"), 1));
            rows.add(row("C10K: KB RSS per waiting poll", "c10k", services,
                    s -> scaled(stat("c10k", s, "result.memory.rssBytesPerWaitingPoll"), 1 / 1024.0), 1));
            rows.add(row("C10K: OS threads while held", "c10k", services, s -> stat("c10k", s, "result.held.osThreads"), 0));
            String[] sale = new String[services.size() + 1];
            sale[0] = "C10K: a purchase sent into the crowd";
            for (int i = 0; i < services.size(); i++) {
                sale[i + 1] = texts("c10k", services.get(i), r -> Json.at(r, "result.sale.outcome") + " after "
                        + fmt(Runs.toDouble(Json.at(r, "result.sale.seconds")), 1) + " s"
                        + (Json.at(r, "result.after.serviceAlive") instanceof Number alive && alive.intValue() == 0
                        ? " (the service had exited)" : ""));
            }
            rows.add(sale);
        }
        rows.addAll(new OverloadReport(runs, services).sideBySide());
        StringBuilder md = new StringBuilder("## Side by side\n\n| |");
        services.forEach(s -> md.append(' ').append(s).append(" |"));
        md.append("\n|---|");
        services.forEach(s -> md.append("---|"));
        md.append('\n');
        rows.forEach(r -> md.append("| ").append(String.join(" | ", r)).append(" |\n"));
        return md.toString();
    }

    private String[] row(String name, String scenario, List<String> services, Function<String, Stats> stats,
                         int decimals) {
        String[] row = new String[services.size() + 1];
        row[0] = name;
        Stats first = services.isEmpty() ? null : stats.apply(services.getFirst());
        for (int i = 0; i < services.size(); i++) {
            Stats s = stats.apply(services.get(i));
            String ratio = i > 0 && first != null && first.n() > 0 && s.n() > 0 && first.median() != 0
                    ? String.format(Locale.ROOT, " (%.2fx)", s.median() / first.median()) : "";
            row[i + 1] = cell(s, decimals, runs.invalid(scenario, services.get(i)) > 0) + ratio;
        }
        return row;
    }

    /** A figure, or "invalid" when the only runs that could give it failed a check, or "—" when none gives it. */
    static String cell(Stats s, int decimals, boolean anyInvalid) {
        return s.n() == 0 && anyInvalid ? "invalid" : cell(s, decimals);
    }

    static String cell(Stats s, int decimals) {
        if (s.n() == 0) {
            return "—";
        }
        String median = fmt(s.median(), decimals);
        return s.n() == 1 ? median + " (n=1)"
                : median + " (" + fmt(s.min(), decimals) + "–" + fmt(s.max(), decimals) + ", n=" + s.n() + ")";
    }

    static String fmt(Double value, int decimals) {
        if (value == null || value.isNaN()) {
            return "—";
        }
        return String.format(Locale.ROOT, decimals == 0 ? "%,.0f" : "%,." + decimals + "f", value);
    }

    private static Stats scaled(Stats s, double factor) {
        return new Stats(s.min() * factor, s.median() * factor, s.max() * factor, s.n());
    }

    static String label(String endpoint) {
        return switch (endpoint) {
            case "ping" -> "/api/ping";
            case "train" -> "/api/trains/{id} (cached)";
            default -> endpoint;
        };
    }

    String openRate() {
        return runs.all().stream().filter(r -> "open".equals(r.get("scenario"))).findFirst()
                .map(r -> fmt(Runs.toDouble(Json.at(r, "result.ratePerSecond")), 0)).orElse("?");
    }

    String c10kPolls() {
        return runs.all().stream().filter(r -> "c10k".equals(r.get("scenario"))).findFirst()
                .map(r -> fmt(Runs.toDouble(Json.at(r, "result.polls")), 0)).orElse("?");
    }

    private String closedTables() {
        if (!runs.hasScenario("closed")) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Closed model: throughput (wrk), req/s\n\n");
        for (String endpoint : endpoints()) {
            md.append("GET ").append(label(endpoint)).append("\n\n| connections |");
            services().forEach(s -> md.append(' ').append(s).append(" |"));
            md.append("\n|---|");
            services().forEach(s -> md.append("---|"));
            md.append('\n');
            for (int c : concurrencies()) {
                md.append("| ").append(c).append(" |");
                services().forEach(s -> md.append(' ').append(cell(closed(s, endpoint, c), 0,
                        runs.invalid("closed", s) > 0)).append(" |"));
                md.append('\n');
            }
            md.append('\n');
        }
        md.append("Warm-up until two consecutive windows agree within 5%, seconds it took: ");
        md.append(String.join(", ", services().stream().map(s -> s + " " + cell(stat("closed", s, "warmUp.0.seconds"), 0))
                .toList()));
        return md.append("\n\n").toString();
    }

    private String table(String title, String scenario, String[][] metrics) {
        if (!runs.hasScenario(scenario)) {
            return "";
        }
        StringBuilder md = new StringBuilder("## ").append(title).append("\n\n| |");
        services().forEach(s -> md.append(' ').append(s).append(" |"));
        md.append("\n|---|");
        services().forEach(s -> md.append("---|"));
        md.append('\n');
        for (String[] m : metrics) {
            md.append("| ").append(m[0]).append(" |");
            int decimals = Integer.parseInt(m[2]);
            double factor = m.length > 3 ? Double.parseDouble(m[3]) : 1;
            services().forEach(s -> md.append(' ').append(cell(scaled(stat(scenario, s, m[1]), factor), decimals,
                    runs.invalid(scenario, s) > 0)).append(" |"));
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    private String startTable() {
        String base = table("Start and rest: from exec to the first answered request, then resident memory at rest",
                "start", new String[][]{
                        {"ms to the first answer of /api/ping", "result.firstAnswerMs", "0"},
                        {"MB resident after the rest", "result.idleRssBytes", "0", String.valueOf(1 / 1048576.0)},
                        {"seconds of rest", "result.idleSeconds", "0"}});
        if (base.isEmpty()) {
            return base;
        }
        return base + "How each started: " + String.join("; ", services().stream().map(s -> s + ": "
                + texts("start", s, r -> String.valueOf(Json.at(r, "result.start")))).toList())
                + " (aot-cache: the extracted jar with the JDK's AOT cache of a training run; jar: `java -jar` of the"
                + " packaged jar).\n\n";
    }

    private String openTable() {
        return table("Open model: constant arrival rate, latency from each request's intended start (ms)", "open",
                new String[][]{
                        {"offered rate, req/s", "result.ratePerSecond", "0"},
                        {"achieved rate, req/s", "result.achievedRatePerSecond", "0"},
                        {"p50", "result.latencyFromIntendedStart.p50Ms", "2"},
                        {"p90", "result.latencyFromIntendedStart.p90Ms", "2"},
                        {"p99", "result.latencyFromIntendedStart.p99Ms", "2"},
                        {"p99.9", "result.latencyFromIntendedStart.p999Ms", "2"},
                        {"max", "result.latencyFromIntendedStart.maxMs", "1"},
                        {"requests started late", "result.late", "0"},
                        {"generator's start lag p99", "result.startLag.p99Ms", "1"},
                        {"service CPU, cores", "service_process.cpuCores", "2"},
                        {"GC pauses during the run", "service_process.gcPauses", "0"}});
    }

    private String flashTable() {
        return table("Flash sale: buyers race for seats (closed, retries with the same requestId)", "flash-sale",
                new String[][]{
                        {"purchases/s", "result.purchasesPerSecond", "0"},
                        {"seconds to sell out", "result.secondsToSellOut", "2"},
                        {"latency p50 ms", "result.latency.p50Ms", "1"},
                        {"latency p99 ms", "result.latency.p99Ms", "1"},
                        {"seats sold (audit)", "result.audit.sold", "0"},
                        {"service CPU, cores", "service_process.cpuCores", "2"}});
    }

    private String c10kTable() {
        String base = table("C10K: " + c10kPolls() + " long polls held, then one sale", "c10k", new String[][]{
                {"held: service gauge c10k_longpoll_waiting", "result.held.longPollsWaiting", "0"},
                {"held: client connections open", "result.held.clientConnected", "0"},
                {"held: client requests sent", "result.held.clientRequestsSent", "0"},
                {"woken (200) by the sale", "result.woken", "0"},
                {"answered 204 (wait passed)", "result.crowd.outcomes.204", "0"},
                {"never answered (cut at the end)", "result.crowd.unanswered", "0"},
                {"wake-up p50 ms (from the sale sent)", "result.wakeUpFromSaleSent.p50Ms", "1"},
                {"wake-up p99 ms", "result.wakeUpFromSaleSent.p99Ms", "1"},
                {"the sale's own reply, s", "result.sale.seconds", "2"},
                {"RSS before, MB", "result.before.rssBytes", "0", String.valueOf(1 / 1048576.0)},
                {"RSS while held, MB", "result.held.rssBytes", "0", String.valueOf(1 / 1048576.0)},
                {"KB RSS per waiting poll", "result.memory.rssBytesPerWaitingPoll", "1", String.valueOf(1 / 1024.0)},
                {"KB RSS per open connection", "result.memory.rssBytesPerConnection", "1", String.valueOf(1 / 1024.0)},
                {"OS threads while held", "result.held.osThreads", "0"},
                {"JVM live (platform) threads while held", "result.held.jvmLiveThreads", "0"},
                {"virtual threads mounted or queued while held (parked ones are not counted)", "result.held.virtualThreads", "0"},
                {"service still running at the end (1 = yes)", "result.after.serviceAlive", "0"}});
        if (base.isEmpty()) {
            return base;
        }
        StringBuilder md = new StringBuilder(base);
        md.append("The purchase sent while the crowd waited: ");
        md.append(String.join("; ", services().stream().map(s -> s + ": " + texts("c10k", s,
                r -> Json.at(r, "result.sale.outcome") + " after " + fmt(Runs.toDouble(Json.at(r, "result.sale.seconds")), 2)
                        + " s")).toList()));
        md.append(".  \nWhat the crowd got: ");
        md.append(String.join("; ", services().stream().map(s -> s + ": " + texts("c10k", s,
                r -> String.valueOf(Json.at(r, "result.crowd.outcomes")))).toList()));
        md.append(".  \nA gauge left empty means /actuator/prometheus did not answer within 2 s: no thread was free.\n\n");
        return md.toString();
    }
}
