package lab.c10k.conformance;

import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.Json;
import lab.c10k.conformance.support.Reply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;

import static lab.c10k.conformance.support.Problems.INVALID_REQUEST;
import static lab.c10k.conformance.support.Problems.PAYLOAD_TOO_LARGE;
import static lab.c10k.conformance.support.Problems.UNSUPPORTED_MEDIA_TYPE;
import static lab.c10k.conformance.support.Problems.assertProblem;

/**
 * The body rules shared by both endpoints that take one: JSON only, at most 16 KiB, well-formed. Each case runs on
 * a fresh {@link BodyTarget} and then proves that the rejected request changed nothing.
 */
@ConformanceTest
class RequestBodyConformanceTest {

    private static final int LIMIT = 16 * 1024;
    private static final String[] JSON = {"Content-Type", "application/json"};

    @ParameterizedTest
    @EnumSource
    void malformedJsonIsInvalid(BodyTarget.Kind kind) {
        assertRejectedJson(kind.fresh(), 400, INVALID_REQUEST, "{\"code\": \"G1");
    }

    @ParameterizedTest
    @EnumSource
    void emptyBodyIsInvalid(BodyTarget.Kind kind) {
        assertRejectedJson(kind.fresh(), 400, INVALID_REQUEST, "");
    }

    @ParameterizedTest
    @EnumSource
    void jsonNullIsInvalid(BodyTarget.Kind kind) {
        assertRejectedJson(kind.fresh(), 400, INVALID_REQUEST, "null");
    }

    @ParameterizedTest
    @EnumSource
    void jsonArrayIsInvalid(BodyTarget.Kind kind) {
        BodyTarget target = kind.fresh();
        assertRejectedJson(target, 400, INVALID_REQUEST, "[" + Json.write(target.validBody()) + "]");
    }

    @ParameterizedTest
    @EnumSource
    void jsonStringIsInvalid(BodyTarget.Kind kind) {
        assertRejectedJson(kind.fresh(), 400, INVALID_REQUEST, "\"G101\"");
    }

    @ParameterizedTest
    @EnumSource
    void trailingGarbageAfterTheObjectIsInvalid(BodyTarget.Kind kind) {
        BodyTarget target = kind.fresh();
        assertRejectedJson(target, 400, INVALID_REQUEST, Json.write(target.validBody()) + " ]");
    }

    @ParameterizedTest
    @EnumSource
    void invalidUtf8IsInvalid(BodyTarget.Kind kind) {
        BodyTarget target = kind.fresh();
        byte[] body = Json.write(target.validBody().put("padding", "@@")).getBytes(StandardCharsets.UTF_8);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        body[text.indexOf('@')] = (byte) 0xC3;  // a lead byte followed by '@' is no UTF-8 sequence
        assertRejected(target, 400, INVALID_REQUEST, BodyPublishers.ofByteArray(body), JSON);
    }

    @ParameterizedTest
    @EnumSource
    void textPlainIsUnsupported(BodyTarget.Kind kind) {
        BodyTarget target = kind.fresh();
        assertRejected(target, 415, UNSUPPORTED_MEDIA_TYPE,
                BodyPublishers.ofString(Json.write(target.validBody())), "Content-Type", "text/plain");
    }

    @ParameterizedTest
    @EnumSource
    void formEncodingIsUnsupported(BodyTarget.Kind kind) {
        assertRejected(kind.fresh(), 415, UNSUPPORTED_MEDIA_TYPE,
                BodyPublishers.ofString("code=G1"), "Content-Type", "application/x-www-form-urlencoded");
    }

    @ParameterizedTest
    @EnumSource
    void missingContentTypeIsUnsupported(BodyTarget.Kind kind) {
        BodyTarget target = kind.fresh();
        assertRejected(target, 415, UNSUPPORTED_MEDIA_TYPE, BodyPublishers.ofString(Json.write(target.validBody())));
    }

    @ParameterizedTest
    @EnumSource
    void bodyOfExactly16KiBIsAccepted(BodyTarget.Kind kind) {
        BodyTarget target = kind.fresh();
        Reply reply = target.post(BodyPublishers.ofString(paddedTo(target.validBody(), LIMIT)), JSON);
        reply.expectStatus(201);
    }

    @ParameterizedTest
    @EnumSource
    void bodyOneByteOver16KiBIsTooLarge(BodyTarget.Kind kind) {
        BodyTarget target = kind.fresh();
        assertRejectedJson(target, 413, PAYLOAD_TOO_LARGE, paddedTo(target.validBody(), LIMIT + 1));
    }

    @ParameterizedTest
    @EnumSource
    void chunkedBodyOver16KiBIsTooLarge(BodyTarget.Kind kind) {
        BodyTarget target = kind.fresh();
        byte[] body = paddedTo(target.validBody(), LIMIT + 1).getBytes(StandardCharsets.UTF_8);
        // A publisher of unknown length makes the client send Transfer-Encoding: chunked, no Content-Length.
        BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        assertRejected(target, 413, PAYLOAD_TOO_LARGE, chunked, JSON);
    }

    private static void assertRejectedJson(BodyTarget target, int status, String type, String body) {
        assertRejected(target, status, type, BodyPublishers.ofString(body), JSON);
    }

    private static void assertRejected(BodyTarget target, int status, String type, BodyPublisher body,
                                       String... headers) {
        assertProblem(target.post(body, headers), status, type);
        target.assertNothingChanged();
    }

    /** The valid body grown to exactly this many UTF-8 bytes by an unknown (hence ignored) field. */
    private static String paddedTo(ObjectNode validBody, int bytes) {
        ObjectNode body = validBody.deepCopy().put("padding", "");
        int missing = bytes - Json.write(body).getBytes(StandardCharsets.UTF_8).length;
        return Json.write(body.put("padding", "x".repeat(missing)));
    }
}
