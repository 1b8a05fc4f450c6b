package lab.c10k.conformance;

import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.stream.Stream;

import static lab.c10k.conformance.support.Fixtures.audit;
import static lab.c10k.conformance.support.Fixtures.buy;
import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Fixtures.newRequestId;
import static lab.c10k.conformance.support.Fixtures.purchaseBody;
import static lab.c10k.conformance.support.Problems.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** A purchase with one invalid field at a time: 400 naming the field, and no seat taken. */
@ConformanceTest
class PurchaseValidationConformanceTest {

    private static final String MISSING = null;
    private static final String UUID = "7c0e1b2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b";

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                argumentSet("passenger missing", "passenger", MISSING),
                argumentSet("passenger null", "passenger", "null"),
                argumentSet("passenger a number", "passenger", "7"),
                argumentSet("passenger an array", "passenger", "[\"Lao Wang\"]"),
                argumentSet("passenger empty", "passenger", "\"\""),
                argumentSet("passenger blank", "passenger", "\"  \\t \""),
                argumentSet("passenger only ideographic spaces", "passenger", "\"\\u3000\""),
                argumentSet("passenger of 65 characters", "passenger", "\"" + "x".repeat(65) + "\""),
                argumentSet("passenger of 65 code points", "passenger", "\"" + "🧳".repeat(65) + "\""),
                argumentSet("passenger with a NUL", "passenger", "\"Lao\\u0000Wang\""),
                argumentSet("passenger with an inner newline", "passenger", "\"Lao\\nWang\""),
                argumentSet("requestId missing", "requestId", MISSING),
                argumentSet("requestId null", "requestId", "null"),
                argumentSet("requestId a number", "requestId", "42"),
                argumentSet("requestId empty", "requestId", "\"\""),
                argumentSet("requestId not a UUID", "requestId", "\"not-a-uuid\""),
                argumentSet("requestId without dashes", "requestId", "\"" + UUID.replace("-", "") + "\""),
                argumentSet("requestId in braces", "requestId", "\"{" + UUID + "}\""),
                argumentSet("requestId as a URN", "requestId", "\"urn:uuid:" + UUID + "\""),
                argumentSet("requestId with a 13th digit at the end", "requestId", "\"" + UUID + "0\""),
                argumentSet("requestId with a non-hex digit", "requestId", "\"" + UUID.replace('c', 'g') + "\""),
                argumentSet("requestId in short groups (UUID.fromString accepts it)", "requestId", "\"1-2-3-4-5\""),
                argumentSet("requestId grouped 9-3-4-4-12", "requestId", "\"7c0e1b2a3-c4d-4e5f-8a9b-0c1d2e3f4a5b\""),
                argumentSet("requestId an object", "requestId", "{\"uuid\":\"" + UUID + "\"}"));
    }

    @ParameterizedTest
    @MethodSource("invalidFields")
    void invalidFieldIsRejectedNamingTheFieldAndTakesNoSeat(String field, String json) {
        long trainId = createTrainId(1);
        ObjectNode body = purchaseBody("Lao Wang", newRequestId());
        if (json == MISSING) {
            body.remove(field);
        } else {
            body.set(field, Json.parse(json));
        }

        assertInvalid(buy(trainId, body), field);

        JsonNode audit = audit(trainId);
        assertThat(audit.path("sold").asInt()).isZero();
        assertThat(audit.path("stock").asInt()).isEqualTo(1);
    }
}
