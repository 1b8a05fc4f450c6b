package lab.c10k.conformance.k6;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The repository's {@code k6/} folder, found by walking up from the working directory (a service module's folder
 * under Surefire) to the directory that holds {@code k6/lib}.
 */
record K6Folder(Path root) {

    static K6Folder locate() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("k6").resolve("lib"))) {
                return new K6Folder(dir.resolve("k6"));
            }
        }
        throw new IllegalStateException("No k6/lib folder in " + start + " or any directory above it: the k6 scripts "
                + "live in the repository's k6/ folder, and this test must run inside a checkout of the repository");
    }

    /** Every scenario script: the {@code *.js} files at the top of the folder. */
    List<Path> scripts() {
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".js")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String name(Path script) {
        String file = script.getFileName().toString();
        return file.substring(0, file.length() - ".js".length());
    }

    /** The scenario's data file, {@code scenarios/<name>.json}, which every script has. */
    Path dataFile(Path script) {
        return root.resolve("scenarios").resolve(name(script) + ".json");
    }

    /** The environment overrides that shrink the scenario for the contract test: its data file's contractEnv. */
    Map<String, String> contractEnv(Path script) {
        Path data = dataFile(script);
        if (!Files.isRegularFile(data)) {
            throw new IllegalStateException(script.getFileName() + " has no data file " + root.relativize(data));
        }
        JsonNode env = JsonMapper.builder().build().readTree(data.toFile()).path("contractEnv");
        Map<String, String> overrides = new LinkedHashMap<>();
        env.properties().forEach(entry -> overrides.put(entry.getKey(), entry.getValue().asString()));
        return overrides;
    }
}
