package lab.c10k.conformance.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Path ids and query numbers as raw (percent-encoded where needed) text. {@link #same} spellings name the id
 * itself (leading zeros and percent-encoded ASCII digits are still that number); {@link #wrong} spellings are ones
 * the contract rejects (signs, spaces, exponents, other scripts' digits...), each built around a given id.
 */
final class Ids {

    /** Ids no train or ticket has: at the top of the signed 64-bit range. */
    static final Gen<Long> MISSING = random -> Long.MAX_VALUE - random.nextInt(1000);

    /** Numbers that are no id whatever the id: empty, words, junk escapes, overflow, zero. */
    static final Gen<String> JUNK = Gen.either(
            Gen.oneOf("", "0", "00", "-0", "abc", "null", "NaN", "Infinity", "true", "~", "*", ".", "..", "%2e%2e",
                    "%00", "%C3%28", "%FF", "%ED%A0%80", "%F0%9F%9A%84", "%E2%80%AE1", "%EF%BB%BF1", "%0A", "%0D%0A"),
            Gen.oneOf("9223372036854775808", "18446744073709551621", "-9223372036854775808", "99999999999999999999"),
            Gen.between(20, 5000).map(n -> "1" + "0".repeat(n - 1)),
            MISSING.map(id -> id + ";v=1"), // a path parameter, which servlet containers strip: only on a missing id
            Texts.ODD.map(Ids::percentEncode));

    private Ids() {
    }

    static Gen<String> same(long id) {
        return Gen.either(
                Gen.constant(Long.toString(id)),
                Gen.between(1, 30).map(zeros -> "0".repeat(zeros) + id),
                Gen.constant(percentEncodeAll(Long.toString(id))));
    }

    static Gen<String> wrong(long id) {
        String n = Long.toString(id);
        return Gen.either(
                Gen.oneOf("+" + n, "-" + n, "%2B" + n, "%20" + n, n + "%20", "%09" + n, n + "%0A", n + ".0", n + "e0",
                        "0x" + Long.toHexString(id), n + "L", n + "abc", n + "%00", "%00" + n, n + "%2F",
                        n + "%3B", n + "," + n, n + "%2C1", "%EF%BC%8B" + n, n + "%E2%80%8B", n + "%CC%81",
                        n + "%C2%A0"),
                Texts.foreignDigits(id).map(Ids::percentEncode),
                // only the first digit from another script
                Texts.foreignDigits(id).map(digits -> percentEncode(digits.substring(0, digits.offsetByCodePoints(0, 1))
                        + n.substring(1))));
    }

    /** Percent-encodes all but the unreserved ASCII characters; lone surrogates end up as {@code ?} (UTF-8 rules). */
    static String percentEncode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return encoded.toString();
    }

    static String percentEncodeAll(String ascii) {
        StringBuilder encoded = new StringBuilder();
        ascii.chars().forEach(c -> encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c)));
        return encoded.toString();
    }
}
