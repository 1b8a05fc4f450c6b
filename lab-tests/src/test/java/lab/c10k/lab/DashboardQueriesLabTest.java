package lab.c10k.lab;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lab's observability, proven natively against real metrics: the three services run from their jars with the
 * image's JVM flags, a real Prometheus scrapes them with the repository's prometheus.yml, a short load goes through
 * every endpoint, and then every query of the dashboards is evaluated by that Prometheus, as Grafana would ask it.
 * The list of queries and the services that answered each is written to target/dashboard-queries.txt.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class DashboardQueriesLabTest {

    private static final String ALL_SERVICES = String.join("|", Repository.SERVICES);

    private static final Map<String, List<String>> REPORT = new TreeMap<>(Comparator.reverseOrder());

    private static Lab lab;
    private static Instant loadStarted;

    @BeforeAll
    static void startTheLabAndDriveALoadThroughIt() {
        Instant started = Instant.now();
        lab = Lab.start();
        // A scrape before the load, so that every counter's increase lies inside the rate window.
        lab.awaitScrapesSince(started, 1);
        loadStarted = Instant.now();
        // Two rounds with a scrape between: the first creates every series (a route's timer appears with its first
        // request, already counted), the second moves them between two samples, so that rate() and the histogram
        // quantiles have an increase to show, as under a real load.
        lab.services().values().forEach(LabLoad::through);
        lab.awaitScrapesSince(Instant.now(), 1);
        lab.services().values().forEach(LabLoad::through);
        lab.awaitScrapesSince(Instant.now(), 2);
    }

    @AfterAll
    static void stopTheLab() throws IOException {
        try {
            if (lab != null) {
                lab.close();
            }
        } finally {
            List<String> lines = new ArrayList<>();
            REPORT.values().forEach(section -> {
                lines.addAll(section);
                lines.add("");
            });
            Files.createDirectories(Repository.target(""));
            Files.write(Repository.target("dashboard-queries.txt"), lines);
        }
    }

    @Test
    void prometheusScrapesEveryService() {
        for (String service : Repository.SERVICES) {
            assertThat(lab.prometheus().scalar("up{job=\"" + service + "\"}")).as("up of " + service).isEqualTo(1);
        }
    }

    @Test
    void theApplicationVariableListsTheThreeServices() {
        Prometheus.Result result = lab.prometheus().query("count by (application) (jvm_info)");

        assertThat(result.series()).extracting(series -> series.labels().get("application"))
                .containsExactlyInAnyOrderElementsOf(Repository.SERVICES);
    }

    /**
     * Every query of three-models.json returns data (a series with a number, not NaN) from every service its panel
     * covers: all three, unless the title names one model in parentheses (a meter only that model has).
     */
    @Test
    void everyThreeModelsQueryHasDataFromTheServicesItsPanelCovers() {
        Map<String, String> variables = Map.of("application", ALL_SERVICES, "__rate_interval", rateWindow(),
                "__interval", "5s");
        List<String> report = new ArrayList<>(List.of("# three-models.json, variables " + variables));
        List<String> failures = new ArrayList<>();
        for (Dashboard.Query query : Dashboard.read("three-models.json").queries()) {
            Prometheus.Result result = lab.prometheus().query(query.substituted(variables));
            Set<String> answered = servicesWithData(result);
            Set<String> expected = PanelScope.servicesOf(query.panel());
            report.add(query.describe());
            report.add("    " + query.expr());
            report.add("    " + (result.error() != null ? "ERROR " + result.error()
                    : "data from: " + (answered.isEmpty() ? "none" : String.join(", ", answered))));
            if (result.error() != null || !answered.containsAll(expected)) {
                failures.add(query.describe() + ": expected data from " + expected + ", got "
                        + (result.error() != null ? result.error() : answered));
            }
        }
        writeReport("three-models", report);
        assertThat(failures).as("queries without the data their panel promises").isEmpty();
    }

    /** k6's series exist only while k6 runs; here each query must only be one Prometheus accepts. */
    @Test
    void everyK6RunQueryParses() {
        Map<String, String> variables = Map.of("testid", ".*", "service", ".*", "__rate_interval", "1m",
                "__interval", "5s");
        List<String> report = new ArrayList<>(List.of("# k6-run.json (parse only), variables " + variables));
        List<String> failures = new ArrayList<>();
        for (Dashboard.Query query : Dashboard.read("k6-run.json").queries()) {
            Prometheus.Result result = lab.prometheus().query(query.substituted(variables));
            report.add(query.describe());
            report.add("    " + query.expr());
            report.add("    " + (result.error() == null ? "parses" : "ERROR " + result.error()));
            if (result.error() != null) {
                failures.add(query.describe() + ": " + result.error());
            }
        }
        writeReport("k6-run", report);
        assertThat(failures).as("k6 queries Prometheus refuses").isEmpty();
    }

    /** Long enough to hold a sample from before the load and every sample since: rate() sees every increase. */
    private static String rateWindow() {
        long seconds = Duration.between(loadStarted, Instant.now()).toSeconds() + 15;
        return Math.max(60, seconds) + "s";
    }

    private static Set<String> servicesWithData(Prometheus.Result result) {
        Set<String> services = new TreeSet<>();
        for (Prometheus.Series series : result.series()) {
            String service = series.labels().getOrDefault("application", series.labels().get("job"));
            if (service != null && series.hasNumber()) {
                services.add(service);
            }
        }
        return services;
    }

    /** Prints a section of the report; {@link #stopTheLab} writes them all to target/dashboard-queries.txt. */
    private static void writeReport(String section, List<String> lines) {
        lines.forEach(System.out::println);
        REPORT.put(section, lines);
    }
}
