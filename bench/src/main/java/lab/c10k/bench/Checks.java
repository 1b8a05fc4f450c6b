package lab.c10k.bench;

import java.util.Locale;
import java.util.Map;

/** The self-checks, as pure functions of what a run measured (unit-tested in ChecksTest). */
final class Checks {

    private Checks() {
    }

    /**
     * Little's law for a closed loop: requests in flight = throughput x mean latency. With N connections each
     * waiting for its reply, L must come out near N; when it does not, the generator was not keeping N requests
     * in flight (it was saturated, or stalled between requests) or it mis-measured, and the numbers are not N's.
     */
    static Check littlesLaw(double throughputPerSecond, double meanLatencySeconds, int concurrency, double tolerance) {
        double inFlight = throughputPerSecond * meanLatencySeconds;
        double deviation = concurrency == 0 ? Double.POSITIVE_INFINITY : Math.abs(inFlight - concurrency) / concurrency;
        return new Check("little's law", deviation <= tolerance, String.format(Locale.ROOT,
                "%.0f req/s x %.3f ms = %.1f in flight for %d connections (%.1f%% off, allowed %.0f%%)",
                throughputPerSecond, meanLatencySeconds * 1e3, inFlight, concurrency, deviation * 100, tolerance * 100));
    }

    static Check errorRate(long errors, long total, double maxRate) {
        double rate = total == 0 ? 1.0 : (double) errors / total;
        boolean passed = total > 0 && rate <= maxRate;
        return new Check("error rate", passed, String.format(Locale.ROOT, "%d of %d failed (%.3f%%, allowed %.3f%%)",
                errors, total, rate * 100, maxRate * 100));
    }

    /** The load generator's CPU as a share of the cores it may use (its taskset); near 1 it is the bottleneck. */
    static Check clientCpu(double share, double maxShare) {
        return new Check("load generator CPU", share <= maxShare, String.format(Locale.ROOT,
                "%.0f%% of its cores (allowed %.0f%%)", share * 100, maxShare * 100));
    }

    /** The audit of a train after load: consistent, and (when known) exactly the expected seats sold. */
    static Check audit(Map<String, Object> audit, Long expectedSold) {
        if (audit == null) {
            return new Check("audit consistent", false, "no audit could be read");
        }
        boolean consistent = Boolean.TRUE.equals(audit.get("consistent"));
        long sold = ((Number) audit.getOrDefault("sold", -1)).longValue();
        boolean soldAsExpected = expectedSold == null || sold == expectedSold;
        String detail = "audit " + Json.compact(audit) + (expectedSold == null ? "" : ", expected sold " + expectedSold);
        return new Check("audit consistent", consistent && soldAsExpected, detail);
    }

    /** Exactly as many tickets answered 201 (or 200 on a retry) as there were seats, when buyers outnumber seats. */
    static Check seatsSold(long ticketsAnswered, long seats) {
        return new Check("every seat sold once", ticketsAnswered == seats,
                ticketsAnswered + " tickets answered for " + seats + " seats");
    }

    /**
     * Open model: every scheduled request started on time. Dropped: no connection slot was free (the in-flight
     * cap, like k6's maxVUs). Late: started more than the tolerance after its intended time (the generator's
     * own scheduling fell behind). Latency counts from the intended time either way, so lateness is never
     * hidden; the check says whether the offered rate was really offered.
     */
    static Check onTime(long scheduled, long dropped, long late, long toleranceMs, double maxLateShare) {
        double lateShare = scheduled == 0 ? 1.0 : (double) late / scheduled;
        boolean passed = scheduled > 0 && dropped == 0 && lateShare <= maxLateShare;
        return new Check("no dropped iterations", passed, String.format(Locale.ROOT,
                "%d scheduled, %d dropped, %d started over %d ms late (%.3f%%, allowed %.3f%%)",
                scheduled, dropped, late, toleranceMs, lateShare * 100, maxLateShare * 100));
    }

    static Check warmedUp(boolean stable, int windows, double lastChange, double tolerance, double jitShare,
                          double maxJitShare) {
        return new Check("warm-up stable", stable, String.format(Locale.ROOT,
                "%d windows, last two %.1f%% apart (needed %.0f%%), JIT compiling %s of the last (%s)",
                windows, lastChange * 100, tolerance * 100,
                Double.isNaN(jitShare) ? "an unknown share" : String.format(Locale.ROOT, "%.1f%%", jitShare * 100),
                Double.isInfinite(maxJitShare) ? "not a condition here" : String.format(Locale.ROOT, "allowed %.0f%%",
                        maxJitShare * 100)));
    }

    /** The relative difference of two consecutive warm-up windows' throughput. */
    static double change(double previous, double current) {
        double base = Math.max(previous, current);
        return base == 0 ? 1.0 : Math.abs(current - previous) / base;
    }

    /** C10K: the client must not have hit a limit of its own (file descriptors, ports), or it measured itself. */
    static Check clientLimits(long clientLimitErrors) {
        return new Check("client limits not hit", clientLimitErrors == 0,
                clientLimitErrors + " connections failed on the client's own limits (EMFILE, EADDRNOTAVAIL)");
    }

    /** Overload: a service past its capacity answers 503 for what it sheds, never another 5xx. */
    static Check onlyShedding(String load, long other5xx, long replies) {
        return new Check(load + ": no 5xx but 503", other5xx == 0,
                other5xx + " of " + replies + " replies were a 5xx other than 503");
    }

    /** Overload: every 503 says when to come back (Retry-After), so that clients back off instead of hammering. */
    static Check retryAfter(String load, long bare503, long all503) {
        return new Check(load + ": every 503 has Retry-After", bare503 == 0,
                bare503 + " of " + all503 + " 503s came without Retry-After");
    }

    /**
     * Overload: the train's audit is consistent and its seats sold are the purchases answered 201 (and the
     * recovery's), plus at most those whose fate the client does not know (timed out, connection lost): a 503 sells
     * nothing.
     */
    static Check auditAfterShedding(String load, Map<String, Object> audit, long answeredSold, long unknown) {
        if (audit == null) {
            return new Check(load + ": audit consistent", false, "no audit could be read");
        }
        long sold = ((Number) audit.getOrDefault("sold", -1)).longValue();
        boolean passed = Boolean.TRUE.equals(audit.get("consistent")) && sold >= answeredSold
                && sold <= answeredSold + unknown;
        return new Check(load + ": audit consistent", passed, String.format(Locale.ROOT,
                "audit %s; %d answered sold, %d of unknown fate", Json.compact(audit), answeredSold, unknown));
    }

    /** Overload: the service still runs (no OutOfMemoryError) and sells again by itself once the load stopped. */
    static Check recovered(String load, boolean alive, Map<String, Object> recovery) {
        boolean recovered = Boolean.TRUE.equals(recovery.get("recovered"));
        return new Check(load + ": alive and recovered", alive && recovered, alive
                ? String.format(Locale.ROOT, "a purchase afterwards: %s in %s of %s attempts (%s)",
                recovered ? "sold" : "not sold", recovery.get("attempts"), recovery.get("maxAttempts"),
                recovery.get("outcomes"))
                : "the service process had exited");
    }
}
