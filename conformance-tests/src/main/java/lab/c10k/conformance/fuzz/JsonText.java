package lab.c10k.conformance.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * JSON text written byte by byte. A JSON library would refuse exactly what the fuzzer needs to send: lone
 * surrogates, raw control characters, bytes that are not UTF-8, repeated keys, nesting past any sane depth.
 */
final class JsonText {

    /** A piece of JSON text, and whether the contract surely rejects a body that contains it. */
    record Part(byte[] bytes, boolean breaksContract) {

        static Part valid(String json) {
            return new Part(utf8(json), false);
        }

        static Part invalid(String json) {
            return new Part(utf8(json), true);
        }
    }

    private JsonText() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A JSON string literal. Lone surrogates become {@code \\uXXXX} escapes (well-formed JSON, ill-formed text);
     * control characters are escaped too unless {@code rawControls}, which makes the JSON itself malformed.
     */
    static byte[] string(String text, boolean rawControls) {
        StringBuilder json = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if ((c < 0x20 && !rawControls) || (Character.isSurrogate(c) && !paired)) {
                json.append(String.format("\\u%04X", (int) c));
            } else {
                json.append(c);
                if (paired) {
                    json.append(text.charAt(++i));
                }
            }
        }
        return utf8(json.append('"').toString());
    }

    /** An object of these members in this order; a repeated name stays repeated. */
    static byte[] object(List<Member> members) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes(utf8("{"));
        for (int i = 0; i < members.size(); i++) {
            json.writeBytes(utf8(i == 0 ? "" : ","));
            json.writeBytes(members.get(i).name());
            json.writeBytes(utf8(":"));
            json.writeBytes(members.get(i).value());
        }
        json.writeBytes(utf8("}"));
        return json.toByteArray();
    }

    record Member(byte[] name, byte[] value) {
    }

    /** {@code depth} levels of arrays or of single-member objects around an empty one. */
    static String nested(int depth, boolean arrays) {
        return arrays ? "[".repeat(depth) + "]".repeat(depth)
                : "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    static byte[] insert(byte[] body, int at, byte[] what) {
        byte[] result = new byte[body.length + what.length];
        System.arraycopy(body, 0, result, 0, at);
        System.arraycopy(what, 0, result, at, what.length);
        System.arraycopy(body, at, result, at + what.length, body.length - at);
        return result;
    }

    /**
     * The body grown to exactly {@code size} bytes: an object gets an unknown (so ignored) member first, filled
     * with {@code filler} then ASCII; anything else gets trailing whitespace. A body already this big is kept.
     */
    static byte[] padTo(byte[] body, int size, String filler) {
        boolean object = body.length > 1 && body[0] == '{';
        String separator = object && body[1] == '}' ? "" : ",";
        int overhead = utf8("\"~pad\":\"\"" + separator).length;
        if (!object || body.length + overhead > size) {
            return body.length >= size ? body : concat(body, utf8(" ".repeat(size - body.length)));
        }
        int room = size - body.length - overhead;
        int fillerBytes = utf8(filler).length;
        String fill = filler.repeat(room / fillerBytes) + "x".repeat(room % fillerBytes);
        return insert(body, 1, utf8("\"~pad\":\"" + fill + "\"" + separator));
    }
}
