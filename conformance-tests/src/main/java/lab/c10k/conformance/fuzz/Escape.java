package lab.c10k.conformance.fuzz;

import java.nio.charset.StandardCharsets;

/** Bytes shown so that a reader can retype them: printable ASCII as is, everything else as an escape. */
final class Escape {

    private Escape() {
    }

    static String text(String latin1, int max) {
        return bytes(latin1.getBytes(StandardCharsets.ISO_8859_1), max);
    }

    /** At most about {@code max} characters: the head and tail of anything longer, with its full length. */
    static String bytes(byte[] bytes, int max) {
        if (bytes.length > max) {
            int tail = max / 5;
            return escape(bytes, 0, max - tail) + "…[" + bytes.length + " bytes in all]…"
                    + escape(bytes, bytes.length - tail, bytes.length);
        }
        return escape(bytes, 0, bytes.length);
    }

    private static String escape(byte[] bytes, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            switch (b) {
                case '\r' -> text.append("\\r");
                case '\n' -> text.append("\\n");
                case '\t' -> text.append("\\t");
                case '\\' -> text.append("\\\\");
                default -> text.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b));
            }
        }
        return text.toString();
    }
}
