package lab.c10k.conformance.fuzz;

import lab.c10k.conformance.fuzz.JsonText.Part;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static lab.c10k.conformance.fuzz.Gen.weight;
import static lab.c10k.conformance.fuzz.JsonText.string;

/** Values for the fields of the two request bodies, each marked with whether the contract surely rejects it. */
final class Fields {

    /** JSON of the wrong type for any field (null counts as missing), nesting included. */
    static final Gen<Part> WRONG_TYPE = Gen.either(
            Gen.oneOf("null", "true", "false", "0", "-1", "1.5", "1e400", "[]", "{}", "[\"a\"]", "{\"a\":1}")
                    .map(Part::invalid),
            Gen.oneOf(1, 2, 31, 32, 33, 100, 1000).map(depth -> Part.invalid(JsonText.nested(depth, depth % 2 == 0))));

    /** What breaks the JSON itself inside a string value: raw control characters, bytes that are not UTF-8. */
    static final Gen<Part> BROKEN_STRING = Gen.either(
            Texts.ODD.map(text -> new Part(string("A\u0001" + text + "\n", true), true)),
            Texts.BAD_BYTES.map(bytes -> new Part(JsonText.concat(JsonText.utf8("\"Lao"), bytes, JsonText.utf8("\"")),
                    true)));

    /** origin, destination, passenger: plain, odd (maybe valid), surely invalid, wrong type, broken. */
    static final Gen<Part> TEXT = Gen.frequency(List.of(
            weight(2, Gen.oneOf("Beijing", " Shanghai ", "Lao Wang").map(t -> new Part(string(t, false), false))),
            weight(5, Texts.ODD.map(t -> new Part(string(t, false), false))),
            weight(3, Texts.INVALID_TEXT.map(t -> new Part(string(t, false), true))),
            weight(2, WRONG_TYPE),
            weight(1, BROKEN_STRING)));

    /** A train code that is never valid: wrong case, padding, length, characters, or type. */
    static final Gen<Part> BAD_CODE = Gen.either(
            Gen.oneOf("", "g101", " G101", "G101 ", "G_101", "G.1", "G101\u0000", "Ｇ101", "G\u200B101")
                    .map(code -> new Part(string(code, false), true)),
            Gen.between(17, 2000).map(n -> new Part(string("A".repeat(n), false), true)),
            Texts.foreignDigits(101).map(digits -> new Part(string("G" + digits, false), true)),
            Texts.ODD.map(text -> new Part(string("G" + text, false), true)),
            WRONG_TYPE, BROKEN_STRING);

    static final Gen<Part> DEPARTS_AT = Gen.either(
            Gen.oneOf("2026-12-01T08:00:00Z", "2026-12-01T08:00:00.123456789+08:00", "1000-01-01T00:00:00Z",
                    "9999-12-31T23:59:59.999-01:00").map(t -> new Part(string(t, false), false)),
            Gen.oneOf("2026-12-01", "0999-12-31T23:59:59Z", "10000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
                    "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-12-01T24:00:01Z", "2026-12-01T08:00:00",
                    "2026-12-01 08:00:00Z", "now", "", "２０２６-12-01T08:00:00Z", "2026-12-01T08:00:00+25:00",
                    "-2026-12-01T00:00:00Z", "2026-12-01T08:00:00Z\u0000", "2026-W48-2T08:00:00Z")
                    .map(t -> new Part(string(t, false), true)),
            Gen.oneOf("1700000000", "1.7e9", "-1").map(Part::invalid),
            Texts.ODD.map(t -> new Part(string("2026-12-01T08:00:00Z" + t, false), true)),
            WRONG_TYPE, BROKEN_STRING);

    static final Gen<Part> CAPACITY = Gen.either(
            Gen.oneOf("1", "500", "100000").map(Part::valid),
            Gen.oneOf("0", "-1", "-0", "100001", "1e3", "1E0", "500.0", "1.5", "9223372036854775808", "1e400",
                    "-1e400", "0.0000001", "\"500\"", "\"٥٠٠\"", "\" 500\"").map(Part::invalid),
            Gen.oneOf("NaN", "Infinity", "-Infinity", "0x10", "01", "+5", ".5", "5.", "1_000", "5 0")
                    .map(Part::invalid), // not JSON at all
            Gen.between(20, 5000).map(n -> Part.invalid("9".repeat(n))),
            WRONG_TYPE);

    /** Values of unknown members, which are ignored: only unparseable JSON or nesting past 32 breaks the body. */
    static final Gen<Part> UNKNOWN = Gen.either(
            Gen.either(Texts.ODD, Texts.INVALID_TEXT).map(text -> new Part(string(text, false), false)),
            Gen.oneOf("null", "true", "[]", "{}", "1.5", "1e400", "-0", "[1,[2,[3]]]").map(Part::valid),
            Gen.oneOf(1, 31, 33, 34, 100, 1000, 5000)
                    .map(depth -> new Part(JsonText.utf8(JsonText.nested(depth, depth % 2 == 0)), depth >= 33)),
            Gen.between(20, 5000).map(n -> Part.valid("9".repeat(n))),
            Gen.oneOf("NaN", "01", "+5", "'x'", "undefined").map(Part::invalid),
            BROKEN_STRING);

    /** A requestId the contract rejects; a valid one is only ever sent where no seat can be taken. */
    static Gen<Part> badRequestId() {
        return Gen.either(
                uuid().map(id -> new Part(string(id.replace("-", ""), false), true)),
                uuid().map(id -> new Part(string("{" + id + "}", false), true)),
                uuid().map(id -> new Part(string(" " + id, false), true)),
                uuid().map(id -> new Part(string(id + "0", false), true)),
                uuid().map(id -> new Part(string("urn:uuid:" + id, false), true)),
                uuid().map(id -> new Part(string("g" + id.substring(1), false), true)),
                uuid().map(id -> new Part(string(id.substring(0, 35) + "٣", false), true)),
                Gen.oneOf("", "not-a-uuid", "0", "-").map(id -> new Part(string(id, false), true)),
                Texts.ODD.map(text -> new Part(string(text, false), true)),
                WRONG_TYPE, BROKEN_STRING);
    }

    /** Canonical UUIDs in either case: valid, so sent only to a sold-out train. */
    static Gen<String> uuid() {
        return random -> {
            String id = new UUID(random.nextLong(), random.nextLong()).toString();
            return random.nextInt(4) == 0 ? id.toUpperCase(Locale.ROOT) : id;
        };
    }

    private Fields() {
    }
}
