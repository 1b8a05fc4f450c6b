package lab.c10k.lab;

import java.util.Map;

/**
 * The repository's own prometheus/prometheus.yml, run outside compose: each compose {@code host:port} target becomes
 * the address at which the test started that process. Nothing else in the file changes, so what the lab test proves
 * is the file compose mounts.
 */
final class NativeTargets {

    private NativeTargets() {
    }

    /** {@code addresses} maps each compose target ({@code "blocking-service:8080"}) to the one to scrape instead. */
    static String rewrite(String config, Map<String, String> addresses) {
        String rewritten = config;
        for (Map.Entry<String, String> target : addresses.entrySet()) {
            String compose = "\"" + target.getKey() + "\"";
            int occurrences = rewritten.split(java.util.regex.Pattern.quote(compose), -1).length - 1;
            if (occurrences != 1) {
                throw new IllegalStateException("prometheus.yml names the target " + compose + " " + occurrences
                        + " times; the lab test expects it once");
            }
            rewritten = rewritten.replace(compose, "\"" + target.getValue() + "\"");
        }
        return rewritten;
    }
}
