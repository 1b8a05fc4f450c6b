package lab.c10k.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Min, median and max of a measurement repeated over rounds: what the report gives instead of one number. */
record Stats(double min, double median, double max, int n) {

    static Stats of(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values.stream().filter(v -> v != null && !v.isNaN()).toList());
        if (sorted.isEmpty()) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Stats(sorted.getFirst(), median, sorted.getLast(), n);
    }
}
