package lab.c10k.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The few values the harness reads from a service's /actuator/prometheus text. */
final class Prometheus {

    private Prometheus() {
    }

    /** Sum of every sample of a metric (all label sets), or null when it is absent. */
    static Double sum(String text, String metric) {
        return sum(text, metric, null);
    }

    /** Sum of the samples of a metric whose labels contain {@code labelPart} (e.g. {@code area="heap"}). */
    static Double sum(String text, String metric, String labelPart) {
        double total = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#' || !line.startsWith(metric)) {
                continue;
            }
            int rest = metric.length();
            if (rest < line.length() && line.charAt(rest) != '{' && line.charAt(rest) != ' ') {
                continue; // a longer name with this prefix
            }
            int labelsEnd = line.lastIndexOf('}');
            String labels = labelsEnd > 0 ? line.substring(rest, labelsEnd + 1) : "";
            if (labelPart != null && !labels.contains(labelPart)) {
                continue;
            }
            String[] tail = line.substring(labelsEnd > 0 ? labelsEnd + 1 : rest).trim().split("\\s+");
            total += Double.parseDouble(tail[0]);
            found = true;
        }
        return found ? total : null;
    }

    /** A scrape that gives up after the timeout: a service whose threads are all busy may never answer. */
    static CompletableFuture<String> scrape(HttpClient client, URI base, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/actuator/prometheus")).timeout(timeout).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> r.statusCode() == 200 ? r.body() : null)
                .exceptionally(e -> null);
    }
}
