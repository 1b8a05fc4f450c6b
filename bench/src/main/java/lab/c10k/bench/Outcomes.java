package lab.c10k.bench;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overload scenario's replies sorted by what they mean for a buyer, each class with its count and latency (from
 * the request's intended start): sold (201), refused by the contract (409 sold-out, other 4xx), shed as the issue
 * asks (503 with Retry-After), shed without telling when to come back (503 without it), failed (other 5xx), never
 * answered in time, and connections the service refused or reset.
 */
final class Outcomes {

    /** The classes, in the report's order. */
    static final List<String> CLASSES = List.of("sold201", "status409", "other4xx", "shed503", "bare503", "other5xx",
            "timeout", "connectionError", "clientLimit", "other");

    private static final List<String> ANSWERED = CLASSES.subList(0, 6);

    private Outcomes() {
    }

    static String classOf(Crowd.Reply reply) {
        int status = reply.status();
        if (status == 201) {
            return "sold201";
        }
        if (status == 409) {
            return "status409";
        }
        if (status >= 400 && status < 500) {
            return "other4xx";
        }
        if (status == 503) {
            return reply.retryAfter() ? "shed503" : "bare503";
        }
        if (status >= 500) {
            return "other5xx";
        }
        return switch (reply.outcome()) {
            case "timeout", "unanswered" -> "timeout";
            case "connection-refused", "connection-reset", "closed-early", "io-error", "reply-too-large" -> "connectionError";
            case "client-limit" -> "clientLimit";
            default -> "other";
        };
    }

    /**
     * {class: {count, p50Ms, p99Ms, ...}} for every class, empty ones included (count 0), so reports can rely on it.
     * A connection the run was cut short on (never answered nor timed out) counts as a timeout, without a latency.
     */
    static Map<String, Object> of(List<Crowd.Reply> replies) {
        Map<String, Histogram> byClass = new LinkedHashMap<>();
        Map<String, Long> cut = new LinkedHashMap<>();
        CLASSES.forEach(c -> byClass.put(c, Latencies.histogram()));
        for (Crowd.Reply reply : replies) {
            String name = classOf(reply);
            if (reply.doneNanos() > 0) {
                byClass.get(name).recordValue(reply.latencyMicros());
            } else {
                cut.merge(name, 1L, Long::sum);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        byClass.forEach((name, h) -> {
            Map<String, Object> summary = Latencies.summary(h);
            summary.put("count", h.getTotalCount() + cut.getOrDefault(name, 0L));
            out.put(name, summary);
        });
        return out;
    }

    static long count(Map<String, Object> outcomes, String name) {
        return Json.at(outcomes, name + ".count") instanceof Number n ? n.longValue() : 0;
    }

    /** Replies that said what became of the purchase: an HTTP status. */
    static long answered(Map<String, Object> outcomes) {
        return ANSWERED.stream().mapToLong(c -> count(outcomes, c)).sum();
    }

    /** Purchases whose fate the client does not know: they may have sold a seat. */
    static long unknown(Map<String, Object> outcomes) {
        return count(outcomes, "timeout") + count(outcomes, "connectionError") + count(outcomes, "other");
    }
}
