package lab.c10k.conformance.support;

import java.net.URI;
import java.util.List;

/** Reads the service's {@code /actuator/prometheus} text, the way an operator's scraper would. */
public final class Prometheus {

    private Prometheus() {
    }

    /** The whole exposition text; asserts it answered 200. */
    public static String scrape() {
        return scrape(ServiceUnderTest.baseUri());
    }

    /** The exposition text of another instance of the service. */
    public static String scrape(URI baseUri) {
        return Api.send(Api.request(baseUri, "/actuator/prometheus").GET()).expectStatus(200).body();
    }

    /** Every sample line (not a comment) of the metric with exactly this name. */
    public static List<String> series(String exposition, String metric) {
        return exposition.lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .toList();
    }

    /** The sum over all series of a metric (e.g. one per {@code application} tag); 0 when there is none. */
    public static double sum(String metric) {
        return sum(ServiceUnderTest.baseUri(), metric);
    }

    public static double sum(URI baseUri, String metric) {
        return sum(scrape(baseUri), metric);
    }

    /** The sum over all series of a metric in an exposition already scraped. */
    public static double sum(String exposition, String metric) {
        return series(exposition, metric).stream().mapToDouble(Prometheus::value).sum();
    }

    /** The sum over the series of a metric that carry {@code label="value"}, e.g. {@code outcome="sold"}. */
    public static double sum(String metric, String label, String value) {
        String matcher = label + "=\"" + value + "\"";
        return series(scrape(), metric).stream()
                .filter(line -> line.contains("{" + matcher + ",") || line.contains("," + matcher + ",")
                        || line.contains("," + matcher + "}") || line.contains("{" + matcher + "}"))
                .mapToDouble(Prometheus::value).sum();
    }

    private static double value(String line) {
        int labelsEnd = line.lastIndexOf('}');
        String rest = line.substring(labelsEnd < 0 ? line.indexOf(' ') : labelsEnd + 1).trim();
        // An optional timestamp may follow the value.
        return Double.parseDouble(rest.split(" ")[0]);
    }
}
