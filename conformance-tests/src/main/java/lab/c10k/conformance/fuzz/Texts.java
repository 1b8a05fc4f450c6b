package lab.c10k.conformance.fuzz;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/** Odd text and bytes: the Unicode and UTF-8 corners that parsers, validators and databases trip on. */
final class Texts {

    /** Pieces of odd text; a generated string is a few of them. Lone surrogates stay lone (JSON escapes them). */
    static final List<String> ODD_PIECES = List.of(
            "\uD800", "\uDFFF", "\uDC00\uD800", "\uDBFF\uDFFF",                 // surrogates: lone, reversed, U+10FFFF
            "e\u0301", "\u0301\u0302\u0303", "Z" + "\u0336\u0337\u0338".repeat(10), // combining marks
            "\u202E", "\u202B", "\u200F", "\u2067", "שלום", "مرحبا",              // right-to-left
            "\u200B", "\u200C", "\u200D", "\uFEFF", "\u2060",                   // zero-width
            "🚄", "👨\u200D👩\u200D👧\u200D👦", "🏳\uFE0F\u200D🌈", "👍🏽",           // emoji, ZWJ sequences
            "\u0000", "\u0001", "\t", "\n", "\r", "\u001B[31m", "\u007F",        // NUL and C0
            "\u0080", "\u0085", "\u009F",                                       // C1
            "\u00A0", "\u2003", "\u3000", "\u2028", "\u2029",                   // non-ASCII whitespace
            "北京", "上海虹桥", "٣", "５", "²", "߃", "४",                          // CJK, digits of other scripts
            "\uFFFD", "\uFFFE", "\uFFFF", "\uE000", "𝄞",                         // specials, private use, astral
            "\"", "\\", "'", "<script>", "%s", "${x}", "' OR 1=1 --", "../", "%00");

    /** Byte sequences that are not UTF-8: lone continuation, overlong, encoded surrogate, beyond U+10FFFF, cut. */
    static final List<byte[]> BAD_UTF8 = hex("80", "C3", "C328", "FF", "FE", "C080", "E08080", "EDA080", "F4908080",
            "F888808080", "E282", "F09F9A");

    /** Digits of other scripts, as the zero of each: Arabic-Indic, Extended, Devanagari, NKo, fullwidth, bold. */
    private static final int[] DIGIT_ZEROS = {0x0660, 0x06F0, 0x0966, 0x07C0, 0xFF10, 0x1D7CE};

    private Texts() {
    }

    /** One to six odd pieces, sometimes around a plain word. */
    static final Gen<String> ODD = random -> {
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "Lao Wang" : "");
        for (int i = random.nextInt(1, 7); i > 0; i--) {
            text.insert(random.nextInt(text.length() + 1), Gen.oneOf(ODD_PIECES).next(random));
        }
        return text.toString();
    };

    /** Text no text field may take: empty, blank, over 64 code points, or a control character inside. */
    static final Gen<String> INVALID_TEXT = Gen.either(
            Gen.oneOf("", " ", "\u2003\u3000", "\t\n"),
            Gen.oneOf("\u0000", "\u0001", "\u0085", "\u007F", "\u009F", "\u001B").map(c -> "Lao" + c + "Wang"),
            Gen.oneOf("A", "🚄", "北", "e\u0301").map(piece -> piece.repeat(65)));

    static final Gen<byte[]> BAD_BYTES = Gen.oneOf(BAD_UTF8);

    /** The decimal digits of {@code number} written with the digits of another script. */
    static Gen<String> foreignDigits(long number) {
        return random -> {
            int zero = DIGIT_ZEROS[random.nextInt(DIGIT_ZEROS.length)];
            return String.valueOf(number).chars().mapToObj(d -> Character.toString(zero + d - '0'))
                    .collect(Collectors.joining());
        };
    }

    private static List<byte[]> hex(String... sequences) {
        return Arrays.stream(sequences).map(HexFormat.of()::parseHex).toList();
    }
}
