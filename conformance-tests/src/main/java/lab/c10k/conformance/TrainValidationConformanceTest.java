package lab.c10k.conformance;

import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

import java.util.stream.Stream;

import static lab.c10k.conformance.support.Fixtures.postTrain;
import static lab.c10k.conformance.support.Fixtures.trainBody;
import static lab.c10k.conformance.support.Fixtures.uniqueCode;
import static lab.c10k.conformance.support.Problems.assertInvalid;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** {@code POST /api/trains} with one invalid field at a time: 400 naming the field, and nothing stored. */
@ConformanceTest
class TrainValidationConformanceTest {

    private static final String MISSING = null;

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                invalid("code missing", "code", MISSING),
                invalid("code null", "code", "null"),
                invalid("code a number", "code", "101"),
                invalid("code an array", "code", "[\"G101\"]"),
                invalid("code empty", "code", "\"\""),
                invalid("code in lower case", "code", "\"g101\""),
                invalid("code with a space", "code", "\"G 101\""),
                invalid("code with an underscore", "code", "\"G_101\""),
                invalid("code with a full-width letter", "code", "\"Ｇ101\""),
                invalid("code of 17 characters", "code", "\"ABCDEFGHIJKLMNOPQ\""),
                invalid("origin missing", "origin", MISSING),
                invalid("origin null", "origin", "null"),
                invalid("origin a number", "origin", "42"),
                invalid("origin an object", "origin", "{\"city\":\"Beijing\"}"),
                invalid("origin empty", "origin", "\"\""),
                invalid("origin blank", "origin", "\"   \""),
                invalid("origin only ideographic spaces", "origin", "\"\\u3000\\u3000\""),
                invalid("origin of 65 characters", "origin", quoted("x".repeat(65))),
                invalid("origin of 65 code points", "origin", quoted("🚄".repeat(65))),
                invalid("origin with a NUL", "origin", "\"Bei\\u0000jing\""),
                invalid("origin with an inner tab", "origin", "\"Bei\\tjing\""),
                invalid("origin with an inner newline", "origin", "\"Bei\\njing\""),
                invalid("origin with DEL", "origin", "\"Bei\\u007Fjing\""),
                invalid("origin with a C1 control (NEL)", "origin", "\"Bei\\u0085jing\""),
                invalid("destination missing", "destination", MISSING),
                invalid("destination null", "destination", "null"),
                invalid("destination a boolean", "destination", "true"),
                invalid("destination blank", "destination", "\" \\t \""),
                invalid("destination of 65 code points", "destination", quoted("上".repeat(65))),
                invalid("destination with a control character", "destination", "\"Shang\\u0007hai\""),
                invalid("departsAt missing", "departsAt", MISSING),
                invalid("departsAt null", "departsAt", "null"),
                invalid("departsAt a number", "departsAt", "1796112000"),
                invalid("departsAt empty", "departsAt", "\"\""),
                invalid("departsAt a date only", "departsAt", "\"2026-12-01\""),
                invalid("departsAt without an offset", "departsAt", "\"2026-12-01T08:00:00\""),
                invalid("departsAt with a space for T", "departsAt", "\"2026-12-01 08:00:00Z\""),
                invalid("departsAt not a date", "departsAt", "\"tomorrow morning\""),
                invalid("departsAt in month 13", "departsAt", "\"2026-13-01T08:00:00Z\""),
                invalid("departsAt on February 30", "departsAt", "\"2026-02-30T08:00:00Z\""),
                invalid("departsAt in year 999", "departsAt", "\"0999-12-01T08:00:00Z\""),
                invalid("departsAt in year 10000", "departsAt", "\"+10000-01-01T00:00:00Z\""),
                invalid("capacity missing", "capacity", MISSING),
                invalid("capacity null", "capacity", "null"),
                invalid("capacity 0", "capacity", "0"),
                invalid("capacity -1", "capacity", "-1"),
                invalid("capacity 100001", "capacity", "100001"),
                invalid("capacity beyond int", "capacity", "2147483648"),
                invalid("capacity beyond long", "capacity", "99999999999999999999"),
                invalid("capacity a fraction", "capacity", "1.5"),
                invalid("capacity a string of digits", "capacity", "\"5\""),
                invalid("capacity a boolean", "capacity", "true"));
    }

    @ParameterizedTest
    @MethodSource("invalidFields")
    void invalidFieldIsRejectedNamingTheFieldAndStoresNothing(String field, String json) {
        String code = uniqueCode();
        ObjectNode body = trainBody(code, 5);
        if (json == MISSING) {
            body.remove(field);
        } else {
            body.set(field, Json.parse(json));
        }

        assertInvalid(postTrain(body), field);

        if (!field.equals("code")) {
            // Had the rejected body been stored, its code would now be a duplicate.
            postTrain(trainBody(code, 5)).expectJson(201);
        }
    }

    private static Arguments invalid(String name, String field, String json) {
        return argumentSet(name, field, json);
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
