package lab.c10k.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * docs/scaling.md's tables, derived from measured per-instance figures: what one million waiting long polls and a
 * sale of 100,000 seats to ten million buyers in ten minutes take, per model, and what breaks first.
 * {@code bench.jar capacity --dir=RESULTS --inputs=CAPACITY_INPUTS} prints them. Every assumption is a constant
 * here, named, and printed beside the tables it feeds.
 */
final class CapacityPlan {

    static final long POLLS = 1_000_000;

    static final long BUYERS = 10_000_000;

    static final long SEATS = 100_000;

    static final double SALE_SECONDS = 600;

    /** Assumed: the busiest minute of the sale brings this many times the average rate. */
    static final double PEAK_FACTOR = 10;

    /** Assumed: instances are sized to run at most this busy, so that a burst does not queue at once. */
    static final double TARGET_UTILISATION = 0.7;

    /** The contract's longest wait: with no sale, each poll comes back this often. */
    static final double POLL_WAIT_SECONDS = 30;

    /** Redis commands each poll issues when it arrives: the train's cache GET and its version GET. */
    static final int REDIS_PER_POLL = 2;

    /** c10k.redis.heartbeat-interval: each instance publishes to the one heartbeat channel twice a second. */
    static final double HEARTBEATS_PER_SECOND = 2;

    /** The k6 C10K scenario's bound on the wake-up p99 (k6/scenarios/c10k.json maxWakeupP99Ms). */
    static final double WAKE_UP_P99_TARGET = 2;

    /** The services' pool (docs/fairness.md) and its connection-timeout; Retry-After of a 503. */
    static final int CONNECTIONS_PER_INSTANCE = 20;

    static final double CONNECTION_WAIT_SECONDS = 2;

    static final int MAX_IN_FLIGHT_PER_INSTANCE = 1000;

    static final long HEAP_BYTES = 512L << 20;

    /** Assumed: a service whose crowd filled its heap is run at this share of the polls it held when it died. */
    static final double CRASH_MARGIN = 0.8;

    private final List<MeasuredFigures> models;

    private final MeasuredFigures.Inputs inputs;

    private final StringBuilder out = new StringBuilder();

    CapacityPlan(List<MeasuredFigures> models, MeasuredFigures.Inputs inputs) {
        this.models = models;
        this.inputs = inputs;
    }

    static String print(Path results, Path inputs) {
        return new CapacityPlan(MeasuredFigures.read(results), MeasuredFigures.Inputs.read(inputs)).all();
    }

    String all() {
        line("<!-- printed by: java -jar bench/target/bench.jar capacity --dir=results/%s --inputs=results/%s -->",
                models.getFirst().folder(), inputs.folder());
        measured();
        check();
        polls();
        sale();
        sharded();
        return out.toString();
    }

    /** Polls one instance holds and wakes: the crowd it held and woke, the threads it has, or a margin under its crash. */
    static double pollsPerInstance(MeasuredFigures m) {
        if (!m.aliveAfterCrowd()) {
            return Math.floor(m.pollsHeld() * CRASH_MARGIN);
        }
        if (m.pollsWoken() >= m.pollsHeld() * 0.99) {
            return m.pollsHeld();
        }
        // Alive but the crowd was not woken: only the polls that had a thread were served (their 204s).
        return Double.isNaN(m.pollsAnswered204()) ? 0 : m.pollsAnswered204();
    }

    /** Derived, not measured: how far the polls of one woken crowd could stretch, by heap and by wake-up time. */
    static double pollsCeiling(MeasuredFigures m) {
        if (!m.aliveAfterCrowd() || m.pollsWoken() < m.pollsHeld() * 0.99) {
            return pollsPerInstance(m);
        }
        double byHeap = (HEAP_BYTES - m.heapBefore()) / m.heapPerPoll();
        double byWakeUp = m.pollsHeld() * WAKE_UP_P99_TARGET / m.wakeUpP99();
        return Math.floor(Math.min(byHeap, byWakeUp));
    }

    private void measured() {
        line("### Measured per instance: one core, -Xmx512m (results/%s, medians of the valid rounds)", models.getFirst().folder());
        header("", "ping req/s", "cached reads req/s", "flash sale: purchase req/s", "CPU ms per sale (warm-up)",
                "CPU ms per sold-out purchase (derived)", "polls held / woken", "wake-up p99 s", "KB RSS per poll",
                "KB heap per poll", "RSS held MB", "OS threads held");
        for (MeasuredFigures m : models) {
            row(m.service(), f0(m.pingPerSecond()), f0(m.trainReadsPerSecond()), f0(m.purchasesPerSecond()),
                    f2(m.cpuPerSale() * 1e3), f2(m.cpuPerRejectedPurchase() * 1e3),
                    f0(m.pollsHeld()) + " / " + f0(m.pollsWoken()) + (m.aliveAfterCrowd() ? "" : " (exited)"),
                    f2(m.wakeUpP99()), f1(m.rssPerPoll() / 1024), f1(m.heapPerPoll() / 1024), f0(m.rssHeld() / 1e6),
                    f0(m.osThreadsHeld()));
        }
        line("");
        line("Hot train, one row (results/%s, this project's AMD EPYC machine, MariaDB 10.11): %s purchase transactions/s "
                + "on 1 connection, %s on 20, %s on 100. Redis 7.0, 64 connections: GET %s/s, reserve-seat.lua %s/s sold "
                + "out, %s/s with seats.", inputs.folder(), f0(inputs.rowTxPerSecond1()), f0(inputs.rowTxPerSecond20()),
                f0(inputs.rowTxPerSecond100()), f0(inputs.redisGetPerSecond()), f0(inputs.redisReserveSoldOutPerSecond()),
                f0(inputs.redisReserveSeatPerSecond()));
        line("");
    }

    /** The simulation of the measured flash sale, from its CPU demands and the row's time, against what it measured. */
    static SaleModel oneInstance(MeasuredFigures m, MeasuredFigures.Inputs inputs) {
        double gate = m.cpuPerRejectedPurchase();
        return new SaleModel(1, gate, SaleModel.GATE_VISITS, Math.max(0, m.cpuPerSale() - gate), SaleModel.SETTLE_VISITS,
                inputs.roundTripSeconds(), 1, inputs.rowSeconds(), inputs.txDelaySeconds(), CONNECTIONS_PER_INSTANCE,
                CONNECTION_WAIT_SECONDS, MAX_IN_FLIGHT_PER_INSTANCE, 3, 1);
    }

    private void check() {
        line("### The simulation against the measured flash sale (%d buyers, %d seats, %d at a time, one instance)",
                models.getFirst().buyers(), models.getFirst().seats(), models.getFirst().vus());
        header("", "purchase req/s measured / simulated", "seconds to sell out", "latency p50 s", "latency p99 s");
        for (MeasuredFigures m : models) {
            SaleModel.Outcome o = oneInstance(m, inputs).closed(m.buyers(), m.seats(), m.vus(), 1);
            row(m.service(), f0(m.purchasesPerSecond()) + " / " + f0(o.purchasesPerSecond()),
                    f2(m.secondsToSellOut()) + " / " + f2(o.secondsToSellOut()), f2(m.saleP50()) + " / " + f2(o.p50()),
                    f2(m.saleP99()) + " / " + f2(o.p99()));
        }
        line("");
        line("### The open model at its measured rate, as an M/M/1 queue served at the closed model's peak of cached reads");
        header("", "req/s", "service CPU, cores: measured / λ÷μ", "p50 ms measured / M/M/1", "p99 ms measured / M/M/1");
        for (MeasuredFigures m : models) {
            double lambda = m.openRate();
            double mu = m.trainReadsPerSecond();
            row(m.service(), f0(lambda), f2(m.openCpuCores()) + " / " + f2(lambda / mu),
                    f2(m.openP50() * 1e3) + " / " + f2(Queueing.mm1ResponseQuantile(lambda, mu, 0.5) * 1e3),
                    f2(m.openP99() * 1e3) + " / " + f2(Queueing.mm1ResponseQuantile(lambda, mu, 0.99) * 1e3));
        }
        line("");
    }

    private void polls() {
        line("### One million waiting long polls (no sale: each poll comes back every %.0f s)", POLL_WAIT_SECONDS);
        header("", "polls per instance", "instances", "RAM, GB", "OS threads", "HTTP req/s re-polling",
                "Redis GET/s", "heartbeat deliveries/s (2N²)", "Redis, share of one core", "breaks first");
        for (MeasuredFigures m : models) {
            double perInstance = pollsPerInstance(m);
            if (perInstance <= 0) {
                row(m.service(), "0", "—", "—", "—", "—", "—", "—", "holds no poll");
                continue;
            }
            double instances = Math.ceil(POLLS / perInstance);
            double ram = instances * (Double.isNaN(m.rssHeld()) ? m.rssBefore() : m.rssHeld()) / 1e9;
            double repolls = POLLS / POLL_WAIT_SECONDS;
            double heartbeats = HEARTBEATS_PER_SECOND * instances * instances;
            double redis = (repolls * REDIS_PER_POLL + heartbeats) / inputs.redisGetPerSecond();
            row(m.service(), f0(perInstance), f0(instances), f0(ram), f0(instances * m.osThreadsHeld()), f0(repolls),
                    f0(repolls * REDIS_PER_POLL), f0(heartbeats), pct(redis), pollsBreak(m, redis));
        }
        line("");
        line("Stretched to the derived per-instance ceiling (min of heap: (512 MB - heap before) / heap per poll, and "
                + "wake-up: held x %.0f s / measured wake-up p99): %s.", WAKE_UP_P99_TARGET, String.join("; ",
                models.stream().map(m -> m.service() + " " + f0(pollsCeiling(m)) + " per instance, "
                        + f0(Math.ceil(POLLS / Math.max(1, pollsCeiling(m)))) + " instances").toList()));
        line("");
    }

    /** The first limit: Redis when one core cannot take the fleet's commands, else what bounds one instance. */
    private static String pollsBreak(MeasuredFigures m, double redisShare) {
        if (redisShare > 1) {
            return "Redis: the heartbeats' fan-out";
        }
        if (!m.aliveAfterCrowd()) {
            return "each instance's heap";
        }
        if (m.pollsWoken() < m.pollsHeld() * 0.99) {
            return "each instance's threads";
        }
        double byHeap = (HEAP_BYTES - m.heapBefore()) / m.heapPerPoll();
        double byWakeUp = m.pollsHeld() * WAKE_UP_P99_TARGET / m.wakeUpP99();
        return byWakeUp < byHeap ? "each instance's wake-up time" : "each instance's heap";
    }

    /** The fleet for the sale: enough single-core instances for the average CPU demand at the target utilisation. */
    static int saleInstances(MeasuredFigures m, double peakFactor) {
        double cpu = ((BUYERS - SEATS) * m.cpuPerRejectedPurchase() + SEATS * m.cpuPerSale()) / SALE_SECONDS;
        return (int) Math.ceil(cpu * peakFactor / TARGET_UTILISATION);
    }

    static SaleModel fleet(MeasuredFigures m, MeasuredFigures.Inputs inputs, int instances, int rows) {
        double gate = m.cpuPerRejectedPurchase();
        return new SaleModel(instances, gate, SaleModel.GATE_VISITS, Math.max(0, m.cpuPerSale() - gate),
                SaleModel.SETTLE_VISITS, inputs.roundTripSeconds(), rows, inputs.rowSeconds(), inputs.txDelaySeconds(),
                CONNECTIONS_PER_INSTANCE * instances, CONNECTION_WAIT_SECONDS, MAX_IN_FLIGHT_PER_INSTANCE * instances, 3, 1);
    }

    private void sale() {
        double rate = BUYERS / SALE_SECONDS;
        line("### 100,000 seats, ten million buyers, ten minutes, one train: %s purchases/s on average, %s in the "
                + "busiest minute (assumed %.0fx)", f0(rate), f0(rate * PEAK_FACTOR), PEAK_FACTOR);
        header("", "instances (average / peak)", "Redis cmd/s on the train's slot (avg / peak)",
                "that slot's core (avg / peak)", "MySQL reads/s (avg)", "sales/s the row allows", "simulated: sold out after s",
                "503s", "sale p99 s", "breaks first");
        double slotAvg = rate * 2 + SEATS / SALE_SECONDS;
        double coreAvg = rate * (1 / inputs.redisGetPerSecond() + 1 / inputs.redisReserveSoldOutPerSecond());
        for (MeasuredFigures m : models) {
            int average = saleInstances(m, 1);
            int peak = saleInstances(m, PEAK_FACTOR);
            SaleModel.Outcome o = fleet(m, inputs, average, 1).open(BUYERS, SALE_SECONDS, SEATS, 1);
            row(m.service(), average + " / " + peak, f0(slotAvg) + " / " + f0(slotAvg * PEAK_FACTOR),
                    pct(coreAvg) + " / " + pct(coreAvg * PEAK_FACTOR), f0(rate), f0(inputs.rowTxPerSecond20()),
                    f1(o.secondsToSellOut()), f0(o.refused503()), f2(o.saleP99()),
                    coreAvg * PEAK_FACTOR > 1 ? "the train's Redis slot at peak; the row sets the sell-out" : "the row");
        }
        line("");
        line("Redis commands counted from the code: a sold-out purchase issues 2 (the train cache GET, the reserve-seat.lua "
                + "EVALSHA), a sale 3 (and the settle's PUBLISH reaches every instance). Each purchase also reads MySQL "
                + "once (the ticket by requestId) before the gate; a sale then writes one transaction on the train's row.");
        line("");
    }

    private void sharded() {
        MeasuredFigures m = models.getFirst();
        int instances = saleInstances(m, 1);
        line("### The same sale with the train's seats split into blocks, each its own row (and its own primary) and its "
                + "own Redis hash tag (%s's figures, %d instances)", m.service(), instances);
        header("seat blocks", "simulated: sold out after s", "503s", "sale p99 s", "train's Redis slot, share of a core (avg)");
        double coreAvg = BUYERS / SALE_SECONDS
                * (1 / inputs.redisGetPerSecond() + 1 / inputs.redisReserveSoldOutPerSecond());
        for (int rows : new int[] {1, 4, 16}) {
            SaleModel.Outcome o = fleet(m, inputs, instances, rows).open(BUYERS, SALE_SECONDS, SEATS, 1);
            row(Integer.toString(rows), f1(o.secondsToSellOut()), f0(o.refused503()), f2(o.saleP99()), pct(coreAvg / rows));
        }
        line("");
    }

    private void header(String... cells) {
        row(cells);
        row(java.util.Arrays.stream(cells).map(c -> "---").toArray(String[]::new));
    }

    private void row(String... cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static String f0(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%,.1f", v);
    }

    private static String f2(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%,.2f", v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f%%", v * 100);
    }
}
