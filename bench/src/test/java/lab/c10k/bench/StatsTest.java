package lab.c10k.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatsTest {

    @Test
    void minMedianMaxOfOddAndEvenRounds() {
        assertThat(Stats.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Stats(1, 2, 3, 3));
        assertThat(Stats.of(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(new Stats(1, 2.5, 4, 4));
    }

    @Test
    void missingValuesAreLeftOutAndNoneGivesNoFigure() {
        assertThat(Stats.of(Arrays.asList(null, 5.0)).n()).isEqualTo(1);
        assertThat(Stats.of(List.of()).n()).isZero();
    }

    @Test
    void percentilesComeFromTheHistogramInMilliseconds() {
        Histogram h = Latencies.histogram();
        for (int ms = 1; ms <= 100; ms++) {
            h.recordValue(ms * 1000L);
        }
        Map<String, Object> summary = Latencies.summary(h);
        assertThat(summary.get("count")).isEqualTo(100L);
        assertThat((Double) summary.get("p50Ms")).isCloseTo(50, within(0.1));
        assertThat((Double) summary.get("p99Ms")).isCloseTo(99, within(0.1));
        assertThat((Double) summary.get("maxMs")).isCloseTo(100, within(0.1));
        assertThat(Latencies.curve(h).getLast()).containsExactly(100.0, (Double) summary.get("maxMs"));
    }
}
