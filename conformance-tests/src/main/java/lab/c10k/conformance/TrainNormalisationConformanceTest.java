package lab.c10k.conformance;

import lab.c10k.conformance.support.ConformanceTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.util.stream.Stream;

import static lab.c10k.conformance.support.Fixtures.listedTrain;
import static lab.c10k.conformance.support.Fixtures.postTrain;
import static lab.c10k.conformance.support.Fixtures.train;
import static lab.c10k.conformance.support.Fixtures.trainBody;
import static lab.c10k.conformance.support.Fixtures.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * How a created train's values are normalised: instants to UTC milliseconds, text trimmed and counted in code points.
 * Each value is checked in the 201 answer, read back, and listed (a read path that may bypass the cache).
 */
@ConformanceTest
class TrainNormalisationConformanceTest {

    @ParameterizedTest(name = "departsAt {0} is stored as {1}")
    @CsvSource({
            "2026-12-01T08:00:00Z,             2026-12-01T08:00:00Z",
            "2026-12-01T16:00:00+08:00,        2026-12-01T08:00:00Z",
            "2026-12-01T03:00:00-05:00,        2026-12-01T08:00:00Z",
            "2026-12-01T08:00:00.123Z,         2026-12-01T08:00:00.123Z",
            "2026-12-01T08:00:00.123456789Z,   2026-12-01T08:00:00.123Z",
            "2026-12-01T08:00:00.999999Z,      2026-12-01T08:00:00.999Z",
            "2026-12-01T16:00:00.5+08:00,      2026-12-01T08:00:00.500Z",
            "1000-01-01T00:00:00Z,             1000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999Z,         9999-12-31T23:59:59.999Z",
    })
    void departsAtIsNormalisedToUtcWithAtMostMilliseconds(String given, String stored) {
        assertStoredAs("departsAt", given, stored);
    }

    static Stream<Arguments> trimmedTexts() {
        return Stream.of(
                argumentSet("ideographic spaces (U+3000) are stripped", "\u3000Beijing\u3000", "Beijing"),
                argumentSet("tabs, spaces and newlines are stripped", "\t Beijing \n", "Beijing"),
                argumentSet("inner spaces are kept", "  Bei jing  ", "Bei jing"),
                argumentSet("CJK text is kept", "北京", "北京"),
                argumentSet("a no-break space is not whitespace to String.strip()", "Beijing\u00A0", "Beijing\u00A0"));
    }

    @ParameterizedTest
    @MethodSource("trimmedTexts")
    void textIsTrimmedWithJavaStripRulesAndStoredTrimmed(String given, String stored) {
        assertStoredAs("origin", given, stored);
        assertStoredAs("destination", given, stored);
    }

    @ParameterizedTest(name = "{0} is accepted")
    @ValueSource(strings = {"origin", "destination"})
    void textOf64CodePointsIsAcceptedEvenWhenThatIs128Utf16Units(String field) {
        String emoji = "🚄".repeat(64);
        assertStoredAs(field, emoji, emoji);
        assertStoredAs(field, "  " + "x".repeat(64) + "  ", "x".repeat(64));
    }

    private static void assertStoredAs(String field, String given, String stored) {
        JsonNode created = postTrain(trainBody(uniqueCode(), 5).put(field, given)).expectJson(201);
        long id = created.path("id").asLong();
        assertThat(created.path(field).asString()).as("%s in the 201 answer", field).isEqualTo(stored);
        assertThat(train(id).path(field).asString()).as("%s read back", field).isEqualTo(stored);
        assertThat(listedTrain(id).path(field).asString()).as("%s listed", field).isEqualTo(stored);
    }
}
