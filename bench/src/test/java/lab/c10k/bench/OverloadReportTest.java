package lab.c10k.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The overload section shows every run's curve, an invalid run's too (marked), and the burst side by side. */
class OverloadReportTest {

    private static Map<String, Object> load(String name, long sold, long shed, boolean alive) {
        Map<String, Object> outcomes = new LinkedHashMap<>();
        Outcomes.CLASSES.forEach(c -> outcomes.put(c, Map.of("count", 0)));
        outcomes.put("sold201", Map.of("count", sold, "p50Ms", 12.0, "p99Ms", 1500.0));
        outcomes.put("shed503", Map.of("count", shed, "p50Ms", 2.0, "p99Ms", 50.0));
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("name", name);
        load.put("purchases", sold + shed);
        load.put("offeredRatePerSecond", 2000.0);
        load.put("soldPerSecond", sold / 10.0);
        load.put("outcomes", outcomes);
        load.put("service", Map.of("maxRssBytes", 600 * 1048576.0));
        load.put("serviceAlive", alive);
        load.put("recovery", Map.of("recovered", alive, "attempts", 1));
        load.put("valid", alive);
        return load;
    }

    private static Map<String, Object> run(String service, boolean alive) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("scenario", "overload");
        run.put("service", service);
        run.put("round", 1);
        run.put("valid", alive);
        run.put("capacityPerSecond", 700.0);
        run.put("steps", List.of(load("3.00x", 7000, 13000, alive)));
        run.put("burst", load("burst", 2000, 18000, alive));
        return run;
    }

    @Test
    void everyRunIsShownAndAnInvalidOneIsMarkedNotLeftOut() {
        Runs runs = new Runs(List.of(run("blocking", true), run("virtual-threads", false)),
                List.of("blocking", "virtual-threads"));
        OverloadReport report = new OverloadReport(runs, runs.services());
        String md = report.markdown();
        assertThat(md).contains("### blocking, round 1: capacity 700 purchases/s\n");
        assertThat(md).contains("### virtual-threads, round 1: capacity 700 purchases/s (**invalid**");
        assertThat(md).contains("| 3.00x | 2,000 |", "| 3.00x (invalid) | 2,000 |");
        assertThat(md).contains("| 201 p50 / p99 ms | 12 / 1,500 | 12 / 1,500 |");
        assertThat(md).contains("| alive | yes | **no** |");
        assertThat(report.sideBySide()).anySatisfy(row -> assertThat(row).containsExactly(
                "overload: sold/s at 3.00x capacity, each on its own connection", "700", "700 (invalid)"));
    }
}
