package lab.c10k.bench;

import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** JSON as plain maps and lists: the harness reads and writes documents, it keeps no model classes. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) {
        try {
            return MAPPER.readValue(Files.readString(file), Map.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String text) {
        return MAPPER.readValue(text, Map.class);
    }

    static String write(Object value) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }

    static String compact(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static void write(Path file, Object value) {
        writeText(file, write(value));
    }

    /** One line: the run documents, whose samples would triple in size pretty-printed. */
    static void writeCompact(Path file, Object value) {
        writeText(file, compact(value));
    }

    private static void writeText(Path file, String text) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text + "\n");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    /** The value at a dotted path ({@code "c10k.waitMs"}), or null. */
    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> root, String path) {
        Object node = root;
        for (String part : path.split("\\.")) {
            if (node instanceof List<?> list && part.matches("\\d+")) {
                int index = Integer.parseInt(part);
                node = index < list.size() ? list.get(index) : null;
            } else if (node instanceof Map<?, ?> map) {
                node = ((Map<String, Object>) map).get(part);
            } else {
                return null;
            }
        }
        return node;
    }

    static double num(Map<String, Object> root, String path) {
        Object value = at(root, path);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("no number at " + path);
    }

    static String str(Map<String, Object> root, String path) {
        Object value = at(root, path);
        if (value == null) {
            throw new IllegalArgumentException("no value at " + path);
        }
        return value.toString();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> root, String path) {
        Object value = at(root, path);
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> root, String path) {
        Object value = at(root, path);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
