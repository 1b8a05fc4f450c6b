package lab.c10k.conformance.fuzz;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the status, content type and failed check out of an assertion the suite's client raised on a reply. */
final class Failures {

    private static final Pattern STATUS = Pattern.compile("reply: (\\d{3}) ");
    private static final Pattern CONTENT_TYPE = Pattern.compile("(?i)content-type=\\[([^\\];,]*)");
    private static final Pattern CHECK = Pattern.compile("^\\[([^\\[]*?) (of|in) ");

    private Failures() {
    }

    static int status(AssertionError failed) {
        Matcher matcher = STATUS.matcher(String.valueOf(failed.getMessage()));
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    static String contentType(AssertionError failed) {
        Matcher matcher = CONTENT_TYPE.matcher(String.valueOf(failed.getMessage()));
        return matcher.find() ? matcher.group(1) : "";
    }

    /** The suite's check that failed, e.g. {@code X-Concurrency-Model}, {@code type}, {@code leak}. */
    static String check(AssertionError failed) {
        String message = String.valueOf(failed.getMessage()).strip();
        if (message.contains("must never answer 500")) {
            return "500 internal-error";
        }
        if (message.startsWith("Expected a JSON body")) {
            return "problem body is not JSON";
        }
        Matcher matcher = CHECK.matcher(message);
        return "suite check failed: " + (matcher.find() ? matcher.group(1)
                : message.substring(0, Math.min(60, message.length())));
    }
}
