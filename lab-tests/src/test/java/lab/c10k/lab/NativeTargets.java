package lab.c10k.lab;

import java.util.Map;

/**
 * The repository's own prometheus/prometheus.yml, run natively: each compose {@code host:port} target becomes the
 * loopback port the test started that process on. Nothing else in the file changes, so what the lab test proves is
 * the file compose mounts.
 */
final class NativeTargets {

    private NativeTargets() {
    }

    /** {@code ports} maps each compose target ({@code "blocking-service:8080"}) to a port on 127.0.0.1. */
    static String rewrite(String config, Map<String, Integer> ports) {
        String rewritten = config;
        for (Map.Entry<String, Integer> target : ports.entrySet()) {
            String compose = "\"" + target.getKey() + "\"";
            int occurrences = rewritten.split(java.util.regex.Pattern.quote(compose), -1).length - 1;
            if (occurrences != 1) {
                throw new IllegalStateException("prometheus.yml names the target " + compose + " " + occurrences
                        + " times; the lab test expects it once");
            }
            rewritten = rewritten.replace(compose, "\"127.0.0.1:" + target.getValue() + "\"");
        }
        return rewritten;
    }
}
