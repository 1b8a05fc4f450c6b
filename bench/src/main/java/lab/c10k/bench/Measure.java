package lab.c10k.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One scenario on one started service, for one round: warm-up of its endpoints until stable, the measurement,
 * the process samples, and the self-checks. Writes one JSON document; bench/run.sh calls it once per scenario.
 */
final class Measure {

    private final Config config;
    private final Args args;
    private final URI base;
    private final long pid;
    private final Api api;
    private final Wrk wrk;
    private final String clientCpus;
    private final double clkTck;
    private final List<Check> checks = new ArrayList<>();
    private final Map<String, Object> doc = new LinkedHashMap<>();

    Measure(Config config, Args args) {
        this.config = config;
        this.args = args;
        this.base = URI.create(args.get("base"));
        this.pid = Long.parseLong(args.get("pid"));
        this.api = new Api(base);
        this.clientCpus = args.get("client-cpus", "0");
        this.clkTck = Double.parseDouble(args.get("clk-tck", "100"));
        this.wrk = new Wrk(Path.of(args.get("wrk-script", "bench/wrk/bench.lua")), clientCpus,
                (int) config.num("wrkThreads"), clkTck);
    }

    Map<String, Object> run() throws InterruptedException {
        String scenario = args.get("scenario");
        doc.put("scenario", scenario);
        doc.put("service", args.get("service"));
        doc.put("round", Integer.parseInt(args.get("round")));
        doc.put("positionInRound", Integer.parseInt(args.get("position", "0")));
        doc.put("startedAt", Instant.now().toString());
        doc.put("quick", config.quick());
        Sampler sampler = new Sampler(pid, base, (long) config.num("sampleMs"), clkTck);
        long selfTicksBefore = selfTicks();
        long start = System.nanoTime();
        try {
            switch (scenario) {
                case "closed" -> closed();
                case "open" -> open();
                case "flash-sale" -> flashSale();
                case "c10k" -> c10k(sampler);
                case "overload" -> overload(sampler);
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        } finally {
            sampler.close();
        }
        doc.put("seconds", (System.nanoTime() - start) / 1e9);
        doc.put("clientJvmCpuShare", clientCpuShareSince(selfTicksBefore, start));
        doc.put("service_process", sampler.summary());
        doc.put("samples", sampler.samples());
        doc.put("checks", Check.toMaps(checks));
        doc.put("valid", Check.allPassed(checks));
        return doc;
    }

    /** This JVM's CPU since {@code ticksBefore} and {@code startNanos}, as a share of the cores it is pinned to. */
    private double clientCpuShareSince(long ticksBefore, long startNanos) {
        return (selfTicks() - ticksBefore) / clkTck / ((System.nanoTime() - startNanos) / 1e9)
                / ProcessStats.cpuCount(clientCpus);
    }

    private long selfTicks() {
        ProcessStats self = ProcessStats.read(ProcessHandle.current().pid());
        return self == null ? 0 : self.cpuTicks();
    }

    private double check(String name) {
        return Json.num(config.bench(), "checks." + name);
    }

    // --- warm-up --------------------------------------------------------------------------------------------

    private void warm(String endpoint, String mode, List<String> paths, List<Map<String, Object>> into) {
        WarmUp warmUp = new WarmUp(wrk, (int) config.num("warmup.connections"), (int) config.num("warmup.windowSeconds"),
                (int) config.num("warmup.maxWindows"), check("stableTolerance"), maxJitShare(),
                api::compileMillis);
        WarmUp.Outcome outcome = warmUp.run(base, endpoint, mode, paths);
        into.add(outcome.doc());
        checks.add(outcome.check());
    }

    /** warmup.maxJitShare; null (the quick run) leaves the JIT out of the warm-up's condition. */
    private double maxJitShare() {
        Object share = Json.at(config.bench(), "warmup.maxJitShare");
        return share == null ? Double.POSITIVE_INFINITY : ((Number) share).doubleValue();
    }

    private List<String> trainPaths(String prefix, Map<String, Object> data) {
        int trains = (int) Json.num(data, "trains");
        int capacity = (int) Json.num(data, "capacity");
        List<String> paths = new ArrayList<>();
        for (int i = 1; i <= trains; i++) {
            paths.add("/api/trains/" + api.createTrain(prefix + "-" + i, capacity));
        }
        return paths;
    }

    // --- scenarios -----------------------------------------------------------------------------------------

    /** Closed model: peak throughput of each endpoint at each concurrency, with wrk. */
    private void closed() {
        Map<String, Object> data = config.scenario("read");
        doc.put("data", data);
        Map<String, List<String>> endpoints = new LinkedHashMap<>();
        endpoints.put("ping", List.of("/api/ping"));
        endpoints.put("train", trainPaths("CL", data));
        List<Map<String, Object>> warmUps = new ArrayList<>();
        List<Map<String, Object>> points = new ArrayList<>();
        int seconds = (int) config.num("closed.seconds");
        for (Object name : Json.list(config.bench(), "closed.endpoints")) {
            List<String> paths = endpoints.get(name.toString());
            warm(name.toString(), "get", paths, warmUps);
            for (Object c : Json.list(config.bench(), "closed.concurrencies")) {
                int connections = ((Number) c).intValue();
                Progress.say("  closed: %s at %d connections for %d s", name, connections, seconds);
                Wrk.Result result = wrk.run(base, connections, seconds, "get", paths);
                List<Check> pointChecks = List.of(
                        Checks.littlesLaw(result.requestsPerSecond(), result.meanLatencySeconds(), connections,
                                check("littleTolerance")),
                        Checks.errorRate(result.errors(), result.requests(), Json.num(data, "maxFailedRate")),
                        Checks.clientCpu(result.cpuShare(), check("maxClientCpu")));
                checks.addAll(pointChecks);
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("endpoint", name);
                point.put("connections", connections);
                point.put("seconds", seconds);
                point.putAll(result.toMap());
                point.put("checks", Check.toMaps(pointChecks));
                point.put("valid", Check.allPassed(pointChecks));
                points.add(point);
            }
        }
        doc.put("warmUp", warmUps);
        doc.put("points", points);
    }

    /** Open model: read.json's peak arrival rate held for its hold time; latency from each intended start. */
    private void open() throws InterruptedException {
        Map<String, Object> data = config.scenario("read");
        doc.put("data", data);
        List<String> paths = trainPaths("OP", data);
        List<Map<String, Object>> warmUps = new ArrayList<>();
        warm("train", "get", paths, warmUps);
        doc.put("warmUp", warmUps);
        double rate = Json.num(data, "peakRate");
        Duration hold = Config.duration(Json.at(data, "hold"));
        int listEvery = (int) Json.num(data, "listEvery");
        int pageLimit = (int) Json.num(data, "pageLimit");
        long toleranceMs = (long) config.num("open.toleranceMs");
        Progress.say("  open: %.0f req/s for %d s", rate, hold.toSeconds());
        OpenLoop loop = new OpenLoop(rate, hold, (int) Json.num(data, "maxVUs"), Duration.ofMillis(toleranceMs),
                Duration.ofMillis((long) config.num("open.timeoutMs")));
        Random random = new Random(42);
        java.util.function.LongFunction<OpenLoop.Target> schedule = i -> {
            String train = paths.get(random.nextInt(paths.size()));
            return listEvery > 0 && i % listEvery == listEvery - 1
                    ? new OpenLoop.Target("list-trains", "/api/trains?limit=" + pageLimit + "&afterId="
                            + random.nextInt(paths.size()))
                    : new OpenLoop.Target("get-train", train);
        };
        // The generator's own JIT must settle too, or its first requests start late for reasons of its own.
        Duration clientWarmUp = Duration.ofSeconds((long) config.num("open.clientWarmupSeconds"));
        new OpenLoop(rate, clientWarmUp, (int) Json.num(data, "maxVUs"), Duration.ofMillis(toleranceMs),
                Duration.ofMillis((long) config.num("open.timeoutMs"))).run(base, schedule);
        long selfBefore = selfTicks();
        long start = System.nanoTime();
        Map<String, Object> result = loop.run(base, schedule);
        double cpu = clientCpuShareSince(selfBefore, start);
        result.put("clientCpuShare", cpu);
        doc.put("result", result);
        long scheduled = ((Number) result.get("scheduled")).longValue();
        long dropped = ((Number) result.get("dropped")).longValue();
        checks.add(Checks.onTime(scheduled, dropped, ((Number) result.get("late")).longValue(), toleranceMs,
                check("maxLateShare")));
        checks.add(Checks.errorRate(((Number) result.get("failed")).longValue(), scheduled - dropped,
                Json.num(data, "maxFailedRate")));
        checks.add(Checks.clientCpu(cpu, check("maxClientCpu")));
    }

    /** Flash sale: flash-sale.json's buyers race for its seats; then the audit must be consistent. */
    private void flashSale() throws InterruptedException {
        Map<String, Object> data = config.scenario("flash-sale");
        doc.put("data", data);
        warmPurchases("FW");
        int seats = (int) Json.num(data, "seats");
        int buyers = (int) Json.num(data, "buyers");
        FlashSale sale = new FlashSale(buyers, (int) Json.num(data, "vus"), (int) Json.num(data, "retries"),
                Duration.ofMillis((long) config.num("flashSale.timeoutMs")));
        doc.put("clientWarmUp", warmClient(sale, seats));
        long train = api.createTrain("FLASH-1", seats);
        Progress.say("  flash sale: %d buyers, %d at a time, for %d seats", buyers, (int) Json.num(data, "vus"), seats);
        long selfBefore = selfTicks();
        long jitBefore = ClientJvm.jitMillis();
        long start = System.nanoTime();
        Map<String, Object> result = sale.run(base, train);
        double cpu = clientCpuShareSince(selfBefore, start);
        result.put("clientCpuShare", cpu);
        result.put("clientJitMs", ClientJvm.jitMillis() - jitBefore);
        Map<String, Object> audit = api.audit(train);
        result.put("audit", audit);
        doc.put("result", result);
        @SuppressWarnings("unchecked")
        Map<String, Object> outcomes = (Map<String, Object>) result.get("outcomes");
        long tickets = count(outcomes, "201") + count(outcomes, "200");
        long refused = count(outcomes, "409");
        long errors = buyers - tickets - refused;
        checks.add(Checks.errorRate(errors, buyers, Json.num(data, "maxFailedRate")));
        checks.add(Checks.seatsSold(tickets, Math.min(seats, buyers)));
        checks.add(Checks.audit(audit, (long) Math.min(seats, buyers)));
        checks.add(Checks.clientCpu(cpu, check("maxClientCpu")));
    }

    /** wrk on the purchase path, on trains of their own (flashSale.warmTrains), until stable. */
    private void warmPurchases(String prefix) {
        List<String> warmPaths = new ArrayList<>();
        for (int i = 1; i <= (int) config.num("flashSale.warmTrains"); i++) {
            warmPaths.add("/api/trains/" + api.createTrain(prefix + "-" + i, (int) config.num("flashSale.warmCapacity"))
                    + "/tickets");
        }
        List<Map<String, Object>> warmUps = new ArrayList<>();
        warm("purchase", "buy", warmPaths, warmUps);
        doc.put("warmUp", warmUps);
    }

    /**
     * wrk warmed the service; the generator's own HTTP client is still cold, and its JIT would be counted as load
     * (CI once saw 93% of the generator's core in a 2 s sale, most of it compiling). So the same sale runs on
     * trains of its own until compiling takes at most flashSale.clientMaxJitShare of a sale's time in two sales in a
     * row: one quiet sale was seen followed by a measured sale that compiled for 4 s (C2 recompiles in bursts).
     */
    private List<Map<String, Object>> warmClient(FlashSale sale, int seats) throws InterruptedException {
        List<Map<String, Object>> sales = new ArrayList<>();
        double maxJitShare = config.num("flashSale.clientMaxJitShare");
        int maxSales = (int) config.num("flashSale.clientMaxWarmupSales");
        int quietInARow = 0;
        for (int i = 1; i <= maxSales; i++) {
            long jitBefore = ClientJvm.jitMillis();
            long start = System.nanoTime();
            Map<String, Object> result = sale.run(base, api.createTrain("FW-CLIENT-" + i, seats));
            double jitShare = (ClientJvm.jitMillis() - jitBefore) / ((System.nanoTime() - start) / 1e6);
            sales.add(Map.of("seconds", result.get("seconds"), "outcomes", result.get("outcomes"), "jitShare", jitShare));
            Progress.say("  flash sale: the generator's warm-up sale %d: %.0f%% of its time compiling", i, 100 * jitShare);
            quietInARow = jitShare <= maxJitShare ? quietInARow + 1 : 0;
            if (quietInARow == 2) {
                break;
            }
        }
        return sales;
    }

    private static long count(Map<String, Object> outcomes, String key) {
        return outcomes.get(key) instanceof Number n ? n.longValue() : 0;
    }

    /** C10K: c10k.json's crowd of long polls held on one train, then one sale. */
    private void c10k(Sampler sampler) throws InterruptedException {
        Map<String, Object> data = config.scenario("c10k");
        doc.put("data", data);
        long warmTrain = api.createTrain("CW-1", 10);
        List<Map<String, Object>> warmUps = new ArrayList<>();
        warm("updates", "get", List.of("/api/trains/" + warmTrain + "/updates?waitMs=0"), warmUps);
        doc.put("warmUp", warmUps);
        long train = api.createTrain("C10K-1", (int) Json.num(data, "capacity"));
        int polls = (int) Json.num(data, "vus");
        int waitMs = (int) config.num("c10k.waitMs");
        Progress.say("  c10k: %d long polls (waitMs=%d), then one sale", polls, waitMs);
        C10k c10k = new C10k(polls, waitMs, config.num("c10k.connectsPerSecond"),
                Duration.ofSeconds((long) config.num("c10k.settleSeconds")),
                Duration.ofMillis((long) config.num("c10k.saleTimeoutMs")),
                Duration.ofSeconds((long) config.num("c10k.graceSeconds")));
        long selfBefore = selfTicks();
        long start = System.nanoTime();
        Map<String, Object> result = c10k.run(base, pid, train, sampler);
        double cpu = clientCpuShareSince(selfBefore, start);
        result.put("clientCpuShare", cpu);
        doc.put("result", result);
        @SuppressWarnings("unchecked")
        Map<String, Object> crowd = (Map<String, Object>) result.get("crowd");
        checks.add(Checks.clientLimits(((Number) crowd.get("clientLimitErrors")).longValue()));
        checks.add(Checks.clientCpu(cpu, check("maxClientCpu")));
    }

    /**
     * Overload (issue 14, item 2): what the service sells with keep-alive connections and enough buyers (its
     * capacity, measured here, the best of overload.capacitySales sales), then purchases on one train arriving at
     * multiples of it, each on its own connection, one step after the other; then a burst of connections at once.
     * Each load is followed by a recovery purchase and the train's audit; the checks ask what the issue asks.
     */
    private void overload(Sampler sampler) throws InterruptedException {
        Map<String, Object> settings = Json.map(config.bench(), "overload");
        doc.put("data", settings);
        if (Boolean.TRUE.equals(settings.get("warmUp"))) {
            warmPurchases("OW");
        }
        long timeoutMs = (long) Json.num(settings, "timeoutMs");
        int buyers = (int) Json.num(settings, "capacityBuyers");
        // Retries as the flash sale's (its k6 file's 3): a 503 here is retried by requestId, so the rate is of sales.
        FlashSale sale = new FlashSale(buyers, (int) Json.num(settings, "capacityVus"), 3, Duration.ofMillis(timeoutMs));
        List<Map<String, Object>> sales = new ArrayList<>();
        double capacity = 0;
        for (int i = 1; i <= (int) Json.num(settings, "capacitySales"); i++) {
            Map<String, Object> result = sale.run(base, api.createTrain("OC-" + i, buyers));
            sales.add(result);
            capacity = Math.max(capacity, ((Number) result.get("purchasesPerSecond")).doubleValue());
        }
        doc.put("capacitySales", sales);
        doc.put("capacityPerSecond", capacity);
        Progress.say("  overload: the service sells %.0f purchases/s with %d keep-alive buyers", capacity,
                (int) Json.num(settings, "capacityVus"));

        Overload overload = new Overload(base, pid, api, sampler,
                Overload.descriptorsLeft((int) Json.num(settings, "descriptorReserve")),
                new Recovery((int) Json.num(settings, "recoveryAttempts"), Duration.ofMillis(timeoutMs)),
                (long) Json.num(settings, "lateToleranceMs"));
        long selfBefore = selfTicks();
        long start = System.nanoTime();
        List<Map<String, Object>> steps = new ArrayList<>();
        double stepSeconds = Json.num(settings, "stepSeconds");
        long lateMs = overload.lateToleranceMs();
        for (Object m : Json.list(settings, "multiples")) {
            double multiple = ((Number) m).doubleValue();
            double rate = multiple * capacity;
            int count = (int) Math.max(1, Math.round(rate * stepSeconds));
            if (ProcessStats.read(pid) == null) {
                steps.add(Map.of("multiple", multiple, "skipped", "the service process had exited"));
                continue;
            }
            Progress.say("  overload: %.1fx = %.0f purchases/s for %.0f s, each on its own connection", multiple, rate,
                    stepSeconds);
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("multiple", multiple);
            step.putAll(overload.run(String.format(java.util.Locale.ROOT, "%.2fx", multiple), rate, count, timeoutMs));
            long late = ((Number) Json.at(step, "client.lateOpens")).longValue();
            List<Check> stepChecks = new ArrayList<>(overloadChecks(String.valueOf(step.get("name")), step));
            stepChecks.add(Checks.onTime(count, 0, late, lateMs, check("maxLateShare")));
            step.put("checks", Check.toMaps(stepChecks));
            step.put("valid", Check.allPassed(stepChecks));
            checks.addAll(stepChecks);
            steps.add(step);
            say(step);
        }
        doc.put("steps", steps);

        int connections = (int) Json.num(settings, "burst.connections");
        if (ProcessStats.read(pid) != null) {
            Progress.say("  overload: a burst of %,d connections at once, one purchase each", connections);
            Map<String, Object> burst = overload.run("burst", Double.POSITIVE_INFINITY, connections,
                    (long) Json.num(settings, "burst.timeoutMs"));
            List<Check> burstChecks = overloadChecks("burst", burst);
            burst.put("checks", Check.toMaps(burstChecks));
            burst.put("valid", Check.allPassed(burstChecks));
            checks.addAll(burstChecks);
            doc.put("burst", burst);
            say(burst);
        } else {
            doc.put("burst", Map.of("skipped", "the service process had exited"));
            checks.add(new Check("burst: alive and recovered", false, "the service process had exited"));
        }
        double cpu = clientCpuShareSince(selfBefore, start);
        doc.put("clientCpuShare", cpu);
        checks.add(Checks.clientCpu(cpu, check("maxClientCpu")));
    }

    /** One line per load, so that a long run shows where it is and what it found. */
    private static void say(Map<String, Object> load) {
        Map<String, Object> o = Json.map(load, "outcomes");
        Progress.say("  overload %s: %d sold (p99 %s ms), %d shed 503 (p99 %s ms), %d timed out, %d connection errors;"
                        + " recovered: %s", load.get("name"), Outcomes.count(o, "sold201"),
                Report.fmt(Runs.toDouble(Json.at(o, "sold201.p99Ms")), 0), Outcomes.count(o, "shed503"),
                Report.fmt(Runs.toDouble(Json.at(o, "shed503.p99Ms")), 0), Outcomes.count(o, "timeout"),
                Outcomes.count(o, "connectionError"), Json.at(load, "recovery.recovered"));
    }

    private static List<Check> overloadChecks(String load, Map<String, Object> result) {
        @SuppressWarnings("unchecked")
        Map<String, Object> outcomes = (Map<String, Object>) result.get("outcomes");
        @SuppressWarnings("unchecked")
        Map<String, Object> recovery = (Map<String, Object>) result.get("recovery");
        @SuppressWarnings("unchecked")
        Map<String, Object> audit = (Map<String, Object>) result.get("audit");
        long bare503 = Outcomes.count(outcomes, "bare503");
        long recoverySold = Boolean.TRUE.equals(recovery.get("recovered")) ? 1 : 0;
        return List.of(
                Checks.onlyShedding(load, Outcomes.count(outcomes, "other5xx"), Outcomes.answered(outcomes)),
                Checks.retryAfter(load, bare503, bare503 + Outcomes.count(outcomes, "shed503")),
                Checks.auditAfterShedding(load, audit, Outcomes.count(outcomes, "sold201") + recoverySold,
                        Outcomes.unknown(outcomes)),
                Checks.recovered(load, Boolean.TRUE.equals(result.get("serviceAlive")), recovery),
                Checks.clientLimits(((Number) Json.at(result, "client.clientLimitErrors")).longValue()));
    }
}
