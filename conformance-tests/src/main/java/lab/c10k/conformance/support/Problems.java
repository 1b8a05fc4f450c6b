package lab.c10k.conformance.support;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The RFC 9457 problem types of the contract and the assertions every problem answer must pass. */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";

    public static final String INVALID_REQUEST = "/problems/invalid-request";
    public static final String TRAIN_NOT_FOUND = "/problems/train-not-found";
    public static final String TICKET_NOT_FOUND = "/problems/ticket-not-found";
    public static final String NOT_FOUND = "/problems/not-found";
    public static final String METHOD_NOT_ALLOWED = "/problems/method-not-allowed";
    public static final String UNSUPPORTED_MEDIA_TYPE = "/problems/unsupported-media-type";
    public static final String PAYLOAD_TOO_LARGE = "/problems/payload-too-large";
    public static final String DUPLICATE_TRAIN = "/problems/duplicate-train";
    public static final String SOLD_OUT = "/problems/sold-out";
    public static final String REQUEST_ID_CONFLICT = "/problems/request-id-conflict";
    public static final String UNAVAILABLE = "/problems/unavailable";
    public static final String INTERNAL_ERROR = "/problems/internal-error";

    private static final Set<String> TYPES = Set.of(INVALID_REQUEST, TRAIN_NOT_FOUND, TICKET_NOT_FOUND, NOT_FOUND,
            METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE, DUPLICATE_TRAIN, SOLD_OUT,
            REQUEST_ID_CONFLICT, UNAVAILABLE, INTERNAL_ERROR);

    /** Traces of internals: a stack frame, an exception or class name, SQL. None may reach a client. */
    private static final List<String> LEAKS = List.of("Exception", "java.", "javax.", "jakarta.", "org.",
            "com.mysql", "io.lettuce", "io.netty", "reactor.", "lab.c10k", "at lab.", "\tat ", "Caused by",
            "\"trace\"", "SQLState", "SELECT ", "INSERT ", "UPDATE ", "DELETE FROM");

    private Problems() {
    }

    /** Asserts a problem answer of this status and type; returns its body for further checks. */
    public static JsonNode assertProblem(Reply reply, int status, String type) {
        reply.expectStatus(status);
        assertThat(reply.contentType()).as("Content-Type of %s, reply: %s", reply.request(), reply)
                .startsWith(CONTENT_TYPE);
        JsonNode problem = reply.json();
        assertThat(problem.path("type").asString()).as("type of %s, reply: %s", reply.request(), reply)
                .isEqualTo(type);
        return problem;
    }

    /** Asserts {@code 503 unavailable} with {@code Retry-After: 1}: an outage the client may retry. */
    public static void assertUnavailable(Reply reply) {
        assertProblem(reply, 503, UNAVAILABLE);
        assertThat(reply.header("Retry-After")).as("Retry-After of %s, reply: %s", reply.request(), reply)
                .contains("1");
    }

    /** Asserts {@code 400 invalid-request} whose detail names the offending field or parameter. */
    public static JsonNode assertInvalid(Reply reply, String field) {
        JsonNode problem = assertProblem(reply, 400, INVALID_REQUEST);
        assertThat(problem.path("detail").asString()).as("detail of %s must name '%s'", reply.request(), field)
                .contains(field);
        return problem;
    }

    /** What every problem answer must satisfy, whatever its type; the client checks it on every reply. */
    static void assertWellFormed(Reply reply) {
        JsonNode problem = reply.json();
        String what = reply.request() + ", reply: " + reply;
        assertThat(problem.isObject()).as("problem body of %s", what).isTrue();
        assertThat(problem.path("type").asString("")).as("type of %s", what).isIn(TYPES);
        assertThat(problem.path("title").asString("")).as("title of %s", what).isNotBlank();
        assertThat(problem.path("detail").asString("")).as("detail of %s", what).isNotBlank();
        assertThat(problem.path("status").isIntegralNumber()).as("status field of %s", what).isTrue();
        assertThat(problem.path("status").asInt()).as("status field of %s", what).isEqualTo(reply.status());
        assertThat(reply.body()).as("leak in %s", what).doesNotContain(LEAKS);
        if (reply.status() == 503) {
            assertThat(reply.header("Retry-After")).as("Retry-After of %s", what).contains("1");
        }
    }
}
