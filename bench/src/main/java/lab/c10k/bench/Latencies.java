package lab.c10k.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An HdrHistogram of latencies in microseconds, summarised as milliseconds for the report. */
final class Latencies {

    static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private Latencies() {
    }

    static Histogram histogram() {
        // Up to an hour, 3 significant digits: far beyond any timeout here.
        return new Histogram(3_600_000_000L, 3);
    }

    static Map<String, Object> summary(Histogram h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", h.getTotalCount());
        if (h.getTotalCount() == 0) {
            return out;
        }
        out.put("meanMs", h.getMean() / 1e3);
        out.put("p50Ms", ms(h, 50));
        out.put("p90Ms", ms(h, 90));
        out.put("p99Ms", ms(h, 99));
        out.put("p999Ms", ms(h, 99.9));
        out.put("maxMs", h.getMaxValue() / 1e3);
        return out;
    }

    /** The percentile curve (percentile, ms) the report draws as a distribution. */
    static List<List<Double>> curve(Histogram h) {
        List<List<Double>> points = new ArrayList<>();
        if (h.getTotalCount() == 0) {
            return points;
        }
        for (double p : new double[]{0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 97.5, 99, 99.5, 99.9, 100}) {
            points.add(List.of(p, ms(h, p)));
        }
        return points;
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e3;
    }
}
