package lab.c10k.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the schemas cannot say about k8s/, checked on what the real kustomize builds: the three models run as compose
 * runs them and on equal terms, their probes ask what their actuator serves, a stop outlasts the drain, every image is
 * pinned, every reference (selectors, ports, autoscaler targets, server names) finds its object, and the k6 TestRun
 * can run any scenario with the scripts as they are in k6/.
 */
class K8sRulesTest {

    private static final Pattern EXACT_TAG = Pattern.compile("v?\\d+\\.\\d+\\.\\d+([._-][A-Za-z0-9._-]+)?");
    private static final Set<String> JVM_OPTION_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
            "_JAVA_OPTIONS", "JAVA_OPTS");
    /** Spring's graceful shutdown of the web server, then RequestDrain: each is bounded by the phase timeout. */
    private static final int DRAIN_PHASES = 2;
    private static final String LIVENESS = "/actuator/health/liveness";
    private static final String READINESS = "/actuator/health/readiness";

    private final ComposeFile compose = ComposeFile.load();

    static List<String> overlays() {
        return K8sManifests.overlays();
    }

    static List<String> kustomizations() {
        return K8sManifests.kustomizations();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void eachModelRunsComposesImageWithComposesEnvironment(String overlay) {
        assertThat(K8sManifests.ofKind(overlay, "Deployment").stream().map(K8sRulesTest::name))
                .containsAll(Modules.services());
        Modules.services().forEach(service -> {
            JsonNode container = K8sManifests.container(K8sManifests.named(overlay, "Deployment", service), "service");
            assertThat(container.path("image").asString()).as(service)
                    .isEqualTo(compose.service(service).get("image"));
            assertThat(environment(container)).as(service).isEqualTo(compose.environment(service));
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theThreeModelsGetEqualPodsApartFromTheirImageAndDatabase(String overlay) {
        Map<String, JsonNode> pods = new LinkedHashMap<>();
        Modules.services().forEach(service -> {
            ObjectNode pod = (ObjectNode) K8sManifests.named(overlay, "Deployment", service).at("/spec/template/spec")
                    .deepCopy();
            pod.withArray("containers").forEach(container -> ((ObjectNode) container).remove(List.of("image", "env")));
            pods.put(service, pod);
        });
        JsonNode blocking = pods.get("blocking-service");
        assertThat(blocking.at("/containers/0/resources").isMissingNode()).isFalse();
        assertThat(pods.values()).allSatisfy(pod -> assertThat(pod).isEqualTo(blocking));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void eachModelGetsComposesCpuAndMemoryAsRequestAndLimit(String overlay) {
        Map<String, Object> shared = compose.service("blocking-service");
        double cpus = Double.parseDouble(String.valueOf(shared.get("cpus")));
        long memory = bytes(String.valueOf(shared.get("mem_limit")));
        Modules.services().forEach(service -> {
            JsonNode resources = K8sManifests.container(K8sManifests.named(overlay, "Deployment", service), "service")
                    .path("resources");
            assertThat(resources.path("requests")).as(service).isEqualTo(resources.path("limits"));
            assertThat(Double.parseDouble(resources.at("/limits/cpu").asString())).as(service).isEqualTo(cpus);
            assertThat(bytes(resources.at("/limits/memory").asString())).as(service).isEqualTo(memory);
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void nothingChangesTheImagesStartOrItsJvmFlags(String overlay) {
        Modules.services().forEach(service -> {
            JsonNode container = K8sManifests.container(K8sManifests.named(overlay, "Deployment", service), "service");
            // The ENTRYPOINT runs java @/app/jvm.options: docker/jvm.options, the flags of every start.
            assertThat(container.has("command") || container.has("args")).as(service).isFalse();
            ServiceConfig config = ServiceConfig.of(service);
            environment(container).keySet().forEach(variable -> {
                assertThat(JVM_OPTION_VARIABLES).as(service).doesNotContain(variable);
                assertThat(config.propertyBoundBy(variable))
                        .as("%s's %s binds a property its application.yaml sets", service, variable).isNotNull();
            });
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void probesAskTheHealthGroupsTheActuatorServesOnTheImagesPort(String overlay) {
        String imagePort = Dockerfile.load().stages().getLast().argumentsOf("ENV").stream()
                .filter(env -> env.startsWith("SERVER_PORT=")).findFirst().orElseThrow().substring("SERVER_PORT=".length());
        Modules.services().forEach(service -> {
            ServiceConfig config = ServiceConfig.of(service);
            Map<String, String> properties = config.properties();
            // /actuator/health/{liveness,readiness} exist in every start, on the server's own port and path.
            assertThat(properties).as(service)
                    .containsEntry("management.endpoint.health.probes.enabled", "true")
                    .doesNotContainKeys("management.server.port", "management.endpoints.web.base-path",
                            "server.servlet.context-path", "spring.webflux.base-path",
                            "management.endpoint.health.group.liveness.include",
                            "management.endpoint.health.group.readiness.include");
            assertThat(properties.get("management.endpoints.web.exposure.include").split(",")).contains("health");

            JsonNode container = K8sManifests.container(K8sManifests.named(overlay, "Deployment", service), "service");
            assertThat(probe(container, "startupProbe")).isEqualTo(LIVENESS);
            assertThat(probe(container, "livenessProbe")).isEqualTo(LIVENESS);
            assertThat(probe(container, "readinessProbe")).isEqualTo(READINESS);
            for (String kind : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                String port = container.path(kind).at("/httpGet/port").asString();
                assertThat(containerPort(container, port)).as("%s %s port", service, kind).isEqualTo(imagePort);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void aStopIsNeverCutBeforeTheDrainEnds(String overlay) {
        Modules.services().forEach(service -> {
            ObjectNode deployment = K8sManifests.named(overlay, "Deployment", service);
            long grace = deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asLong(30);
            long preStop = K8sManifests.container(deployment, "service").at("/lifecycle/preStop/sleep/seconds")
                    .asLong(0);
            Duration phase = Duration.parse("PT" + ServiceConfig.of(service).properties()
                    .get("spring.lifecycle.timeout-per-shutdown-phase").toUpperCase());
            assertThat(grace).as("%s: terminationGracePeriodSeconds against a %d s pause and %d phases of %s",
                    service, preStop, DRAIN_PHASES, phase).isGreaterThan(preStop + DRAIN_PHASES * phase.toSeconds());
        });
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyImageIsPinnedToAnExactVersion(String kustomization) {
        List<String> images = images(kustomization);
        assertThat(images).isNotEmpty().allSatisfy(image -> {
            String last = image.substring(image.lastIndexOf('/') + 1);
            String tag = last.contains(":") ? last.substring(last.indexOf(':') + 1) : "";
            assertThat(tag).as("tag of %s in %s", image, kustomization).matches(EXACT_TAG).doesNotContain("latest");
        });
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everythingLivesInTheLabsNamespace(String kustomization) {
        K8sManifests.build(kustomization).stream().filter(object -> !kind(object).equals("Namespace"))
                .forEach(object -> assertThat(object.at("/metadata/namespace").asString())
                        .as("%s %s", kind(object), name(object)).isEqualTo("c10k-lab"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void servicesBudgetsAndAutoscalersFindTheirModelAndAreAlikeForAll(String overlay) {
        Map<String, JsonNode> autoscalers = new TreeMap<>();
        Map<String, JsonNode> budgets = new TreeMap<>();
        Modules.services().forEach(service -> {
            JsonNode pod = K8sManifests.named(overlay, "Deployment", service).at("/spec/template/metadata/labels");
            assertThat(selected(overlay, K8sManifests.named(overlay, "Service", service).at("/spec/selector")))
                    .as("pods of Service %s", service).containsExactly(service);
            JsonNode budget = K8sManifests.named(overlay, "PodDisruptionBudget", service);
            assertThat(selected(overlay, budget.at("/spec/selector/matchLabels"))).containsExactly(service);
            ObjectNode autoscaler = K8sManifests.named(overlay, "HorizontalPodAutoscaler", service).deepCopy();
            assertThat(autoscaler.at("/spec/scaleTargetRef/kind").asString()).isEqualTo("Deployment");
            assertThat(autoscaler.at("/spec/scaleTargetRef/name").asString()).isEqualTo(service);
            ((ObjectNode) autoscaler.at("/spec/scaleTargetRef")).remove("name");
            autoscalers.put(service, autoscaler.get("spec"));
            budgets.put(service, ((ObjectNode) budget.get("spec").deepCopy()).without("selector"));
            assertThat(pod.path("app.kubernetes.io/name").asString()).isEqualTo(service);
        });
        assertThat(new TreeSet<>(autoscalers.values().stream().map(JsonNode::toString).toList())).hasSize(1);
        assertThat(new TreeSet<>(budgets.values().stream().map(JsonNode::toString).toList())).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theServiceMonitorScrapesTheThreeModelsAsPrometheusDoesInCompose(String overlay) {
        List<ObjectNode> monitors = K8sManifests.ofKind(overlay, "ServiceMonitor");
        assertThat(monitors).hasSize(1);
        JsonNode monitor = monitors.getFirst();
        JsonNode selector = monitor.at("/spec/selector/matchLabels");
        List<String> scraped = K8sManifests.ofKind(overlay, "Service").stream()
                .filter(service -> matches(selector, service.at("/metadata/labels"))).map(K8sRulesTest::name).toList();
        assertThat(scraped).containsExactlyInAnyOrderElementsOf(Modules.services());
        Map<String, Object> prometheus = Yaml11.load(RepositoryFiles.read("prometheus/prometheus.yml"));
        Map<String, Object> global = Yaml11.map(prometheus.get("global"), "global");
        assertThat(monitor.at("/spec/endpoints")).hasSize(1);
        JsonNode endpoint = monitor.at("/spec/endpoints/0");
        assertThat(endpoint.path("path").asString()).isEqualTo("/actuator/prometheus");
        assertThat(endpoint.path("interval").asString()).isEqualTo(global.get("scrape_interval"));
        assertThat(endpoint.path("scrapeTimeout").asString()).isEqualTo(global.get("scrape_timeout"));
        scraped.forEach(service -> assertThat(K8sManifests.named(overlay, "Service", service).at("/spec/ports")
                .valueStream().map(port -> port.path("name").asString()))
                .contains(endpoint.path("port").asString()));
        assertThat(ServiceConfig.of("blocking-service").properties().get("management.endpoints.web.exposure.include"))
                .contains("prometheus");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theServersTheModelsNameExistInEveryOverlay(String overlay) {
        for (String server : List.of("mysql", "redis")) {
            ObjectNode service = K8sManifests.named(overlay, "Service", server);
            if ("ExternalName".equals(service.at("/spec/type").asString())) {
                assertThat(service.at("/spec/externalName").asString()).as(server).contains(".");
            } else {
                List<String> pods = selected(overlay, service.at("/spec/selector"));
                assertThat(pods).as(server).containsExactly(server);
                JsonNode container = K8sManifests.named(overlay, "Deployment", server).at("/spec/template/spec/containers/0");
                assertThat(container.path("image").asString()).isEqualTo(compose.service(server).get("image"));
                List<String> arguments = container.path("args").valueStream().map(JsonNode::asString).toList();
                assertThat(arguments).as("%s's arguments, as compose's command", server)
                        .isEqualTo(compose.command(server));
            }
        }
    }

    @Test
    void theDevOverlaysMysqlCreatesTheDatabasesAsComposesDoes() {
        assertThat(RepositoryFiles.read("k8s/overlays/dev/01-databases.sql"))
                .isEqualTo(RepositoryFiles.read("docker/mysql/init/01-databases.sql"));
        ObjectNode mysql = K8sManifests.named("k8s/overlays/dev", "Deployment", "mysql");
        assertThat(environment(mysql.at("/spec/template/spec/containers/0")))
                .isEqualTo(compose.environment("mysql"));
        String initConfigMap = mysql.at("/spec/template/spec/volumes").valueStream()
                .filter(volume -> volume.has("configMap")).findFirst().orElseThrow().at("/configMap/name").asString();
        assertThat(K8sManifests.named("k8s/overlays/dev", "ConfigMap", initConfigMap).at("/data/01-databases.sql")
                .asString()).isEqualTo(RepositoryFiles.read("docker/mysql/init/01-databases.sql"));
    }

    @Test
    void theTestRunSpreadsOneScenarioOverSeveralPodsWithTheScriptsAsInTheRepository() throws IOException {
        ObjectNode run = K8sManifests.ofKind(K8sManifests.LOAD, "TestRun").getFirst();
        JsonNode spec = run.get("spec");
        assertThat(spec.path("parallelism").asInt()).isGreaterThan(1);

        // The runner's volume: every key of the generated ConfigMap back at its path under /k6.
        JsonNode volume = spec.at("/runner/volumes").valueStream()
                .filter(candidate -> candidate.has("configMap")).findFirst().orElseThrow();
        ObjectNode scripts = K8sManifests.named(K8sManifests.LOAD, "ConfigMap",
                volume.at("/configMap/name").asString());
        String mountPath = spec.at("/runner/volumeMounts").valueStream()
                .filter(mount -> mount.path("name").asString().equals(volume.path("name").asString()))
                .findFirst().orElseThrow().path("mountPath").asString();
        Map<String, String> repository = k6Files();
        Map<String, String> files = new TreeMap<>();
        volume.at("/configMap/items").forEach(item -> files.put(item.path("path").asString(),
                scripts.at("/data").path(item.path("key").asString()).asString(null)));
        assertThat(files.keySet()).isEqualTo(repository.keySet());
        files.forEach((path, content) -> assertThat(content).as(path).isEqualTo(repository.get(path)));
        assertThat(scripts.at("/data").propertyNames()).hasSameSizeAs(files.keySet());

        // Any scenario: the script a TestRun names is one of k6/'s, with its data file beside it.
        String script = spec.at("/script/localFile").asString();
        assertThat(script).startsWith(mountPath + "/");
        String scenario = script.substring(mountPath.length() + 1).replaceFirst("\\.js$", "");
        assertThat(files).containsKeys(scenario + ".js", "scenarios/" + scenario + ".json");
        assertThat(scenarios()).contains(scenario).allSatisfy(each ->
                assertThat(files).containsKeys(each + ".js", "scenarios/" + each + ".json"));

        // The runner is compose's k6, pointed at the Services of the overlays by compose's variables.
        Map<String, Object> k6 = compose.service("k6");
        assertThat(spec.at("/runner/image").asString()).isEqualTo(k6.get("image"));
        Map<String, String> env = environment(spec.get("runner"));
        Modules.services().forEach(service -> {
            String variable = compose.environment("k6").entrySet().stream()
                    .filter(entry -> entry.getValue().equals("http://" + service + ":8080")).findFirst().orElseThrow()
                    .getKey();
            assertThat(env).containsEntry(variable, "http://" + service + ":8080");
            overlays().forEach(overlay -> assertThat(K8sManifests.named(overlay, "Service", service).at("/spec/ports/0/port")
                    .asInt()).isEqualTo(8080));
        });
        assertThat(spec.path("arguments").asString()).containsPattern("-e SERVICE=(blocking|reactive|virtual-threads)\\b");
        assertThat(run.at("/metadata/namespace").asString()).isEqualTo("c10k-lab");
    }

    private static Map<String, String> k6Files() throws IOException {
        Map<String, String> files = new TreeMap<>();
        Path k6 = RepositoryFiles.path("k6");
        try (Stream<Path> scripts = Files.list(k6)) {
            for (Path script : scripts.filter(file -> file.toString().endsWith(".js")).toList()) {
                files.put(script.getFileName().toString(), Files.readString(script));
            }
        }
        for (String folder : List.of("lib", "scenarios")) {
            try (Stream<Path> inside = Files.list(k6.resolve(folder))) {
                for (Path file : inside.filter(f -> f.toString().matches(".*\\.(js|json)$")).toList()) {
                    files.put(folder + "/" + file.getFileName(), Files.readString(file));
                }
            }
        }
        return files;
    }

    private static List<String> scenarios() throws IOException {
        try (Stream<Path> data = Files.list(RepositoryFiles.path("k6/scenarios"))) {
            return data.map(file -> file.getFileName().toString().replaceFirst("\\.json$", "")).sorted().toList();
        }
    }

    private static List<String> images(String kustomization) {
        List<String> images = new ArrayList<>();
        for (ObjectNode object : K8sManifests.build(kustomization)) {
            JsonNode pod = object.at("/spec/template/spec");
            for (String list : List.of("containers", "initContainers")) {
                pod.path(list).forEach(container -> images.add(container.path("image").asString()));
            }
            for (String role : List.of("runner", "initializer", "starter")) {
                JsonNode image = object.at("/spec/" + role + "/image");
                if (kind(object).equals("TestRun") && !image.isMissingNode()) {
                    images.add(image.asString());
                }
            }
        }
        return images;
    }

    /** The Deployments whose pods a selector picks. */
    private static List<String> selected(String overlay, JsonNode selector) {
        assertThat(selector.isEmpty()).as("an empty selector").isFalse();
        return K8sManifests.ofKind(overlay, "Deployment").stream()
                .filter(deployment -> matches(selector, deployment.at("/spec/template/metadata/labels")))
                .map(K8sRulesTest::name).toList();
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        return selector.properties().stream()
                .allMatch(entry -> entry.getValue().asString().equals(labels.path(entry.getKey()).asString(null)));
    }

    private static String probe(JsonNode container, String kind) {
        return container.path(kind).at("/httpGet/path").asString();
    }

    private static String containerPort(JsonNode container, String name) {
        return container.path("ports").valueStream().filter(port -> port.path("name").asString().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no container port " + name))
                .path("containerPort").asString();
    }

    private static Map<String, String> environment(JsonNode container) {
        Map<String, String> variables = new LinkedHashMap<>();
        container.path("env").forEach(variable -> variables.put(variable.path("name").asString(),
                variable.path("value").asString()));
        return variables;
    }

    /** Compose's 1g and Kubernetes' 1Gi are both 2^30 bytes. */
    private static long bytes(String size) {
        var matcher = Pattern.compile("(\\d+)([kmgKMG]i?)?[bB]?").matcher(size);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a size: " + size);
        }
        long value = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "" : matcher.group(2).substring(0, 1).toLowerCase();
        return switch (unit) {
            case "k" -> value << 10;
            case "m" -> value << 20;
            case "g" -> value << 30;
            default -> value;
        };
    }

    private static String kind(JsonNode object) {
        return object.path("kind").asString();
    }

    private static String name(JsonNode object) {
        return object.at("/metadata/name").asString();
    }
}
