package lab.c10k.conformance.fuzz;

import lab.c10k.conformance.fuzz.Bodies.Body;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

import static lab.c10k.conformance.fuzz.Bodies.LIMIT;
import static lab.c10k.conformance.fuzz.Gen.weight;
import static lab.c10k.conformance.fuzz.JsonText.concat;
import static lab.c10k.conformance.fuzz.JsonText.utf8;

/** Whole-body changes: broken JSON (always invalid), harmless framing, and sizes around and far past 16 KiB. */
final class Transforms {

    /** Each of these makes any JSON text malformed, or not one object, wherever it lands. */
    private static final List<BiFunction<SplittableRandom, byte[], byte[]>> BREAKERS = List.of(
            (random, json) -> Arrays.copyOf(json, random.nextInt(json.length)), // truncated
            (random, json) -> JsonText.insert(json, random.nextInt(json.length + 1),
                    new byte[]{(byte) Gen.oneOf(0, 1, 8, 11, 12, 27, 31).next(random).intValue()}), // raw control
            (random, json) -> JsonText.insert(json, random.nextInt(json.length + 1), Texts.BAD_BYTES.next(random)),
            (random, json) -> concat(json, utf8(Gen.oneOf(" ]", "}", "x", "{}", ",", "null", "\u0000").next(random))),
            (random, json) -> concat(utf8(Gen.oneOf("x", ")]}'\n", "{", "/* c */", "// c\n").next(random)), json),
            (random, json) -> concat(utf8("["), json, utf8("]")),
            (random, json) -> utf8(Gen.oneOf("", " ", "null", "\"G101\"", "42", "true", "[]", "[{}]").next(random)),
            (random, json) -> utf8(new String(json, StandardCharsets.UTF_8).replace('"', '\'')),
            (random, json) -> utf8(JsonText.nested(Gen.oneOf(2, 33, 500, 5000, 8000).next(random), true)));

    /** Framing that leaves the JSON as valid as it was: a byte-order mark, whitespace around. */
    private static final List<BiFunction<SplittableRandom, byte[], byte[]>> HARMLESS = List.of(
            (random, json) -> concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, json),
            (random, json) -> concat(utf8(" \t\r\n"), json, utf8("\n \t")));

    private static final Gen<String> FILLER = Gen.oneOf("x", "é", "北", "🚄");

    private Transforms() {
    }

    static Body apply(SplittableRandom random, Body body) {
        return Gen.<Body>frequency(List.of(
                weight(55, Gen.constant(body)),
                weight(20, r -> new Body(pick(r, BREAKERS).apply(r, body.bytes()), true)),
                weight(8, r -> new Body(pick(r, HARMLESS).apply(r, body.bytes()), body.breaksContract())),
                weight(17, r -> resized(r, body)))).next(random);
    }

    /** Just under, at and just over the limit most of the time, sometimes far over it (up to 256 KiB). */
    static Body resized(SplittableRandom random, Body body) {
        int size = random.nextInt(12) == 0
                ? random.nextInt(LIMIT + 1, 256 * 1024 + 1)
                : LIMIT + Gen.either(Gen.oneOf(-1, 0, 1), Gen.between(-64, 64)).next(random);
        byte[] padded = JsonText.padTo(body.bytes(), size, FILLER.next(random));
        return new Body(padded, body.breaksContract() || padded.length > LIMIT);
    }

    private static <T> T pick(SplittableRandom random, List<T> all) {
        return all.get(random.nextInt(all.size()));
    }
}
