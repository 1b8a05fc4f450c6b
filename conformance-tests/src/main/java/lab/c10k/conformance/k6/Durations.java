package lab.c10k.conformance.k6;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** k6's durations: a string such as {@code "1m30s"}, {@code "250ms"} or {@code "2h"}, or a number of milliseconds. */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|µs|ns|s|m|h)");

    private Durations() {
    }

    static Duration parse(String text) {
        if (text.matches("\\d+(\\.\\d+)?")) {
            return Duration.ofNanos(Math.round(Double.parseDouble(text) * 1_000_000));
        }
        Matcher matcher = PART.matcher(text);
        double nanos = 0;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            nanos += Double.parseDouble(matcher.group(1)) * switch (matcher.group(2)) {
                case "h" -> 3_600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us", "µs" -> 1e3;
                default -> 1;
            };
            end = matcher.end();
        }
        if (end == 0 || end != text.length()) {
            throw new IllegalArgumentException("not a k6 duration: \"" + text + "\"");
        }
        return Duration.ofNanos(Math.round(nanos));
    }
}
