package lab.c10k.lab;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * YAML as Compose and Spring Boot read it: anchors and {@code <<} merge keys resolved (SnakeYAML, which Boot
 * itself uses), and a key given twice in one mapping is an error, as it is for Compose.
 */
final class Yaml11 {

    private Yaml11() {
    }

    static Map<String, Object> load(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object document = new Yaml(new SafeConstructor(options)).load(text);
        return document == null ? new LinkedHashMap<>() : map(document, "the document");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(what + " is not a mapping but " + node);
        }
        return (Map<String, Object>) map;
    }

    /** Nested mappings flattened to dotted property names, as Spring Boot sees them; values as text. */
    static Map<String, String> properties(Map<String, Object> document) {
        Map<String, String> properties = new LinkedHashMap<>();
        flatten("", document, properties);
        return properties;
    }

    private static void flatten(String prefix, Map<String, Object> node, Map<String, String> into) {
        node.forEach((key, value) -> {
            String name = prefix + key;
            if (value instanceof Map<?, ?>) {
                flatten(name + ".", map(value, name), into);
            } else {
                into.put(name, value == null ? "" : String.valueOf(value));
            }
        });
    }
}
