package lab.c10k.lab;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** k8s/'s kustomizations, each built once per test run by the real kustomize (Kubectl). */
final class K8sManifests {

    /** The one that runs k6; the others are the services' base and overlays. */
    static final String LOAD = "k8s/load";

    private static final Map<String, List<ObjectNode>> BUILT = new ConcurrentHashMap<>();

    private K8sManifests() {
    }

    /** Every folder of k8s/ with a kustomization.yaml: base, each overlay, load. */
    static List<String> kustomizations() {
        Path k8s = RepositoryFiles.path("k8s");
        try (Stream<Path> files = Files.walk(k8s)) {
            return files.filter(file -> file.getFileName().toString().equals("kustomization.yaml"))
                    .map(file -> RepositoryFiles.root().relativize(file.getParent()).toString())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The overlays that deploy the services (each names where MySQL and Redis are). */
    static List<String> overlays() {
        return kustomizations().stream().filter(folder -> folder.startsWith("k8s/overlays/")).toList();
    }

    static List<ObjectNode> build(String kustomization) {
        return BUILT.computeIfAbsent(kustomization, folder -> Kubectl.kustomize(RepositoryFiles.path(folder)));
    }

    static List<ObjectNode> ofKind(String kustomization, String kind) {
        return build(kustomization).stream().filter(object -> kind.equals(object.path("kind").asString())).toList();
    }

    static ObjectNode named(String kustomization, String kind, String name) {
        return ofKind(kustomization, kind).stream()
                .filter(object -> name.equals(object.path("metadata").path("name").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + kind + " " + name + " in " + kustomization));
    }

    /** The pod template's containers of a Deployment (or the runner's of a TestRun), by name. */
    static JsonNode container(ObjectNode deployment, String name) {
        for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
            if (name.equals(container.path("name").asString())) {
                return container;
            }
        }
        throw new AssertionError("No container " + name + " in " + deployment.path("metadata").path("name"));
    }
}
