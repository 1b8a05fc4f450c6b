package lab.c10k.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-instance figures the capacity model starts from, read from the raw data of a committed results folder
 * ({@code runs/*.json}, valid runs only): each the median over the rounds, as results.md gives it. Rates per
 * second, times in seconds, memory in bytes.
 */
record MeasuredFigures(String folder, String service, double pingPerSecond, double trainReadsPerSecond,
        double purchasesPerSecond, double secondsToSellOut, double saleP50, double saleP99, int buyers, int seats,
        int vus, double cpuPerPurchase, double cpuPerSale, double pollsHeld, double pollsWoken, double wakeUpP99,
        double pollsAnswered204, double rssPerPoll, double heapPerPoll, double heapBefore, double rssHeld,
        double rssBefore, double osThreadsHeld,
        boolean aliveAfterCrowd, double openRate, double openP50, double openP99, double openCpuCores) {

    /** The gate's CPU: a purchase that found no seat, from the sale's total CPU less the seats' own share. */
    double cpuPerRejectedPurchase() {
        return (cpuPerPurchase * buyers - cpuPerSale * seats) / (buyers - seats);
    }

    static List<MeasuredFigures> read(Path folder) {
        Report report = new Report(folder);
        List<String> services = report.runs().all().stream().map(r -> (String) r.get("service")).distinct()
                .sorted(MeasuredFigures::order).toList();
        return services.stream().map(service -> of(report, service)).toList();
    }

    private static int order(String a, String b) {
        List<String> known = List.of("blocking", "virtual-threads", "reactive");
        int ia = known.indexOf(a);
        int ib = known.indexOf(b);
        return ia >= 0 && ib >= 0 ? Integer.compare(ia, ib) : ia >= 0 ? -1 : ib >= 0 ? 1 : a.compareTo(b);
    }

    private static MeasuredFigures of(Report report, String service) {
        Scenario sale = new Scenario(report.runs(), "flash-sale", service);
        Scenario crowd = new Scenario(report.runs(), "c10k", service);
        Scenario open = new Scenario(report.runs(), "open", service);
        Map<String, Object> anySale = sale.first();
        return new MeasuredFigures(report.dir().getFileName().toString(), service,
                report.peak(service, "ping").median(), report.peak(service, "train").median(),
                sale.median("result.purchasesPerSecond"), sale.median("result.secondsToSellOut"),
                sale.median("result.latency.p50Ms") / 1000, sale.median("result.latency.p99Ms") / 1000,
                (int) numOr(anySale, "data.buyers"), (int) numOr(anySale, "data.seats"),
                (int) numOr(anySale, "data.vus"), sale.medianOf(MeasuredFigures::cpuPerPurchaseOf),
                sale.medianOf(MeasuredFigures::cpuPerSaleOf),
                crowd.median("result.held.longPollsWaiting", "result.held.clientConnected"),
                crowd.median("result.woken"), crowd.median("result.wakeUpFromSaleSent.p99Ms") / 1000,
                crowd.median("result.crowd.outcomes.204"), crowd.median("result.memory.rssBytesPerWaitingPoll"),
                crowd.median("result.memory.heapBytesPerWaitingPoll"), crowd.median("result.before.heapUsedBytes"),
                crowd.median("result.held.rssBytes"),
                crowd.median("result.before.rssBytes"), crowd.median("result.held.osThreads"),
                crowd.median("result.after.serviceAlive") >= 1, open.median("result.achievedRatePerSecond"),
                open.median("result.latencyFromIntendedStart.p50Ms") / 1000,
                open.median("result.latencyFromIntendedStart.p99Ms") / 1000, open.median("service_process.cpuCores"));
    }

    /**
     * CPU seconds per purchase request in the measured sale (the utilisation law, D = U / X): the service's CPU over
     * the sale's own seconds, from the process samples that span them, divided by the buyers answered.
     */
    static Double cpuPerPurchaseOf(Map<String, Object> run) {
        double saleSeconds = Json.num(run, "result.seconds");
        return cpuRate(run, Json.num(run, "seconds") - saleSeconds, Json.num(run, "seconds")) * saleSeconds
                / Json.num(run, "result.buyers");
    }

    /**
     * CPU seconds per purchase that sells a seat: the warm-up's last window, wrk on trains with seats to spare (every
     * request a sale), its CPU over its throughput.
     */
    static Double cpuPerSaleOf(Map<String, Object> run) {
        Map<String, Object> warm = maps(run, "warmUp").getFirst();
        List<Object> windows = Json.list(warm, "windowsRequestsPerSecond");
        double end = Json.num(warm, "seconds");
        double window = Json.num(warm, "windowSeconds");
        return cpuRate(run, end - window, end) / ((Number) windows.getLast()).doubleValue();
    }

    /** Cores of CPU the service used between two moments of its scenario, from the samples nearest to them. */
    private static double cpuRate(Map<String, Object> run, double from, double to) {
        List<Map<String, Object>> samples = maps(run, "samples");
        Map<String, Object> a = nearest(samples, from);
        Map<String, Object> b = nearest(samples, to);
        return (Json.num(b, "cpuSeconds") - Json.num(a, "cpuSeconds")) / ((Json.num(b, "tMs") - Json.num(a, "tMs")) / 1000);
    }

    private static Map<String, Object> nearest(List<Map<String, Object>> samples, double seconds) {
        Map<String, Object> best = samples.getFirst();
        for (Map<String, Object> s : samples) {
            if (Math.abs(Json.num(s, "tMs") / 1000 - seconds) < Math.abs(Json.num(best, "tMs") / 1000 - seconds)) {
                best = s;
            }
        }
        return best;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Map<String, Object> root, String path) {
        return Json.list(root, path).stream().map(o -> (Map<String, Object>) o).toList();
    }

    private static double numOr(Map<String, Object> root, String path) {
        return Json.at(root, path) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** One scenario of one service in the folder: its valid runs, one per round, through the report's {@link Runs}. */
    private record Scenario(Runs runs, String scenario, String service) {

        Map<String, Object> first() {
            return runs.of(scenario, service).stream().filter(Runs::valid).findFirst().orElse(Map.of());
        }

        /** The median over rounds of the first of {@code paths} a run has (NaN when none has any). */
        double median(String... paths) {
            return medianOf(run -> {
                for (String path : paths) {
                    if (Json.at(run, path) instanceof Number n) {
                        return n.doubleValue();
                    }
                }
                return null;
            });
        }

        double medianOf(Function<Map<String, Object>, Double> value) {
            return runs.stats(scenario, service, value::apply).median();
        }
    }

    /** What bench/capacity-inputs.sh measured: the hot row's transactions per second, Redis's commands per second. */
    record Inputs(String folder, double rowTxPerSecond1, double rowTxPerSecond20, double rowTxPerSecond100,
            double redisGetPerSecond, double redisReserveSoldOutPerSecond, double redisReserveSeatPerSecond) {

        private static final Pattern SECONDS = Pattern.compile("Average number of seconds to run all queries: ([0-9.]+)");

        private static final Pattern TRANSACTIONS = Pattern.compile("transactions per MySQL run: (\\d+)");

        private static final Pattern REDIS = Pattern.compile("([0-9.]+) requests per second");

        static Inputs read(Path folder) {
            double transactions = Double.parseDouble(find(TRANSACTIONS, folder.resolve("env.txt")));
            return new Inputs(folder.getFileName().toString(),
                    transactions / Double.parseDouble(find(SECONDS, folder.resolve("mysql-c1.txt"))),
                    transactions / Double.parseDouble(find(SECONDS, folder.resolve("mysql-c20.txt"))),
                    transactions / Double.parseDouble(find(SECONDS, folder.resolve("mysql-c100.txt"))),
                    Double.parseDouble(find(REDIS, folder.resolve("redis-get.txt"))),
                    Double.parseDouble(find(REDIS, folder.resolve("redis-reserve-sold-out.txt"))),
                    Double.parseDouble(find(REDIS, folder.resolve("redis-reserve-seat.txt"))));
        }

        /** The time one sale holds the row's lock: the ceiling with the services' pool of 20, inverted. */
        double rowSeconds() {
            return 1 / rowTxPerSecond20;
        }

        /** What a transaction takes beyond its time on the row: alone on one connection, less the row's share. */
        double txDelaySeconds() {
            return Math.max(0, 1 / rowTxPerSecond1 - rowSeconds());
        }

        /** One round trip to MySQL: a lone transaction's time over its four statements. */
        double roundTripSeconds() {
            return 1 / rowTxPerSecond1 / 4;
        }

        private static String find(Pattern pattern, Path file) {
            try {
                Matcher m = pattern.matcher(Files.readString(file));
                if (!m.find()) {
                    throw new IllegalStateException(file + " holds no " + pattern.pattern());
                }
                return m.group(1);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        }
    }
}
