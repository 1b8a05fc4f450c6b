package lab.c10k.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Command-line options as {@code --name=value} (or {@code --name value}); a bare {@code --flag} is "true". */
record Args(String command, Map<String, String> options) {

    static Args parse(String[] argv) {
        if (argv.length == 0) {
            throw new IllegalArgumentException("no command given");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < argv.length; i++) {
            String arg = argv[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            if (eq >= 0) {
                options.put(body.substring(0, eq), body.substring(eq + 1));
            } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                options.put(body, argv[++i]);
            } else {
                options.put(body, "true");
            }
        }
        return new Args(argv[0], options);
    }

    String get(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }

    String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    long getLong(String name, long fallback) {
        String value = options.get(name);
        return value == null ? fallback : Long.parseLong(value);
    }
}
