package lab.c10k.lab;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Compose schema cannot say about docker-compose.yml: pinned images, health-gated starts, and the three
 * models started on equal terms, configured only through Spring Boot's own property names.
 */
class ComposeRulesTest {

    private static final Map<String, String> HOST_PORTS = Map.of(
            "blocking-service", "8081", "reactive-service", "8082", "virtual-thread-service", "8083");
    private static final Pattern EXACT_TAG = Pattern.compile("v?\\d+\\.\\d+\\.\\d+([._-][A-Za-z0-9._-]+)?");
    private static final Set<String> DATABASE_PROPERTY_PREFIXES = Set.of("spring.datasource.", "spring.r2dbc.",
            "spring.flyway.");
    /** Keys in which the three models may differ: what they are and where they listen, nothing they get. */
    private static final Set<String> PER_MODEL_KEYS = Set.of("build", "image", "ports", "environment");

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void isAComposeSpecificationFileWithoutAVersionKey() {
        assertThat(compose.document()).doesNotContainKey("version").containsKey("services");
    }

    @Test
    void everyImageIsPinnedToAnExactVersion() {
        compose.services().keySet().forEach(name -> {
            String image = String.valueOf(compose.service(name).get("image"));
            String tag = image.substring(image.lastIndexOf('/') + 1).contains(":")
                    ? image.substring(image.lastIndexOf(':') + 1) : "";
            assertThat(tag).as("tag of %s's image %s", name, image).matches(EXACT_TAG).doesNotContain("latest");
        });
    }

    @Test
    void eachModelIsBuiltFromTheOneDockerfileAsItsModuleAndTaggedWithTheProjectVersion() {
        assertThat(compose.builtServices()).containsExactlyInAnyOrderElementsOf(Modules.services());
        String version = Modules.projectVersion().replace("-SNAPSHOT", "");
        compose.builtServices().forEach(name -> {
            Map<String, Object> build = Yaml11.map(compose.service(name).get("build"), name + ".build");
            assertThat(build).containsEntry("context", ".").doesNotContainKey("dockerfile");
            assertThat(Yaml11.map(build.get("args"), name + ".build.args")).containsExactly(Map.entry("MODULE", name));
            assertThat(compose.service(name)).containsEntry("image", "c10k-lab/" + name + ":" + version);
        });
    }

    @Test
    void everyServerHasAHealthcheck() {
        servers().forEach(name -> {
            Map<String, Object> healthcheck = Yaml11.map(compose.service(name).get("healthcheck"),
                    name + ".healthcheck");
            assertThat(healthcheck).as(name).containsKey("test").doesNotContainEntry("disable", true);
            assertThat(String.valueOf(healthcheck.get("test"))).as(name).doesNotContain("NONE");
        });
    }

    @Test
    void everyDependencyWaitsUntilItIsHealthy() {
        Set<String> dependents = new TreeSet<>();
        compose.services().keySet().forEach(name -> {
            Object dependsOn = compose.service(name).get("depends_on");
            if (dependsOn == null) {
                return;
            }
            dependents.add(name);
            Yaml11.map(dependsOn, name + ".depends_on").forEach((dependency, condition) -> {
                assertThat(Yaml11.map(condition, name + " -> " + dependency))
                        .as("%s waits for %s", name, dependency)
                        .containsExactly(Map.entry("condition", "service_healthy"));
                assertThat(servers()).as("%s depends on a server with a healthcheck", name).contains(dependency);
            });
        });
        assertThat(dependents).contains("k6", "grafana").containsAll(Modules.services());
    }

    @Test
    void theThreeModelsGetEqualLimitsHealthchecksAndDependencies() {
        Map<String, Map<String, Object>> shared = new HashMap<>();
        Modules.services().forEach(name -> {
            Map<String, Object> service = new LinkedHashMap<>(compose.service(name));
            service.keySet().removeAll(PER_MODEL_KEYS);
            shared.put(name, service);
        });
        Map<String, Object> blocking = shared.get("blocking-service");
        assertThat(blocking).containsKeys("cpus", "mem_limit", "ulimits", "stop_grace_period", "healthcheck",
                "depends_on");
        assertThat(shared.values()).allSatisfy(service -> assertThat(service).isEqualTo(blocking));
    }

    @Test
    void theThreeModelsShareTheirEnvironmentApartFromTheirDatabase() {
        Map<String, Map<String, String>> outsideDatabase = new HashMap<>();
        Modules.services().forEach(name -> {
            ServiceConfig config = ServiceConfig.of(name);
            Map<String, String> environment = new LinkedHashMap<>(compose.environment(name));
            environment.keySet().removeIf(variable -> isDatabaseProperty(config.propertyBoundBy(variable)));
            outsideDatabase.put(name, environment);
        });
        assertThat(outsideDatabase.values()).allSatisfy(environment -> assertThat(environment)
                .isNotEmpty().isEqualTo(outsideDatabase.get("blocking-service")));
        // The same mvc-core code: the same variables, only the database differs.
        assertThat(compose.environment("virtual-thread-service").keySet())
                .isEqualTo(compose.environment("blocking-service").keySet());
        Set<String> databases = Modules.services().stream()
                .flatMap(name -> compose.environment(name).entrySet().stream()
                        .filter(variable -> variable.getValue().contains("://"))
                        .map(variable -> ServiceConfig.databaseOf(variable.getValue())))
                .collect(Collectors.toSet());
        assertThat(databases).containsExactlyInAnyOrder("c10k_blocking", "c10k_reactive", "c10k_vthreads");
    }

    /**
     * Compose may only say where MySQL and Redis are: each variable binds (relaxed binding) to a property the service's
     * own application.yaml sets, and its value is that property's value with the server placeholders pointed at
     * Compose's services. So no tunable differs between a container and a native start.
     */
    @Test
    void everyServiceVariableIsABootPropertyThatOnlyPointsAtComposeServers() {
        Modules.services().forEach(name -> {
            ServiceConfig config = ServiceConfig.of(name);
            compose.environment(name).forEach((variable, value) -> {
                String property = config.propertyBoundBy(variable);
                assertThat(property).as("%s's %s binds to a property its application.yaml sets", name, variable)
                        .isNotNull();
                assertThat(value).as("%s's %s (%s)", name, variable, property)
                        .isEqualTo(config.valueInCompose(property));
                Matcher host = Pattern.compile("\\$\\{([A-Z]+)_HOST:").matcher(config.properties().get(property));
                while (host.find()) {
                    assertThat(servers()).contains(host.group(1).toLowerCase());
                }
            });
        });
    }

    @Test
    void theModelsArePublishedOnTheirOwnHostPortsToTheImagePort() {
        String imagePort = Dockerfile.load().finalStage().argumentsOf("EXPOSE").getFirst();
        Modules.services().forEach(name -> assertThat(compose.ports(name))
                .containsExactly("127.0.0.1:" + HOST_PORTS.get(name) + ":" + imagePort));
        assertThat(compose.ports("prometheus")).containsExactly("127.0.0.1:9090:9090");
        assertThat(compose.ports("grafana")).containsExactly("127.0.0.1:3000:3000");
        assertThat(compose.ports("mysql")).isEmpty();
        assertThat(compose.ports("redis")).isEmpty();
    }

    @Test
    void mysqlCreatesTheDatabaseOfEachModel() {
        assertThat(volumes("mysql")).contains("./docker/mysql/init:/docker-entrypoint-initdb.d:ro");
        Set<String> created = new HashSet<>();
        Matcher create = Pattern.compile("CREATE DATABASE IF NOT EXISTS (\\w+)")
                .matcher(RepositoryFiles.read("docker/mysql/init/01-databases.sql"));
        while (create.find()) {
            created.add(create.group(1));
        }
        Set<String> used = Modules.services().stream().map(ServiceConfig::of)
                .flatMap(config -> config.properties().entrySet().stream()
                        .filter(property -> isDatabaseProperty(property.getKey()) && property.getKey().endsWith(".url"))
                        .map(property -> ServiceConfig.databaseOf(property.getValue())))
                .collect(Collectors.toSet());
        assertThat(created).isEqualTo(used);
    }

    @Test
    void redisEvictsOnlyKeysWithATimeToLiveAndKeepsNothingOnDisk() {
        List<String> command = compose.command("redis");
        assertThat(command).first().isEqualTo("redis-server");
        assertThat(command).containsSubsequence("--maxmemory-policy", "volatile-lru")
                .containsSubsequence("--save", "").containsSubsequence("--appendonly", "no").contains("--maxmemory");
    }

    @Test
    void prometheusAndGrafanaUseTheLabsFixedPaths() {
        assertThat(compose.command("prometheus")).contains(
                "--config.file=/etc/prometheus/prometheus.yml", "--web.enable-remote-write-receiver",
                "--enable-feature=native-histograms");
        assertThat(volumes("prometheus")).contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        assertThat(volumes("grafana")).contains("./grafana/provisioning:/etc/grafana/provisioning:ro",
                "./grafana/dashboards:/var/lib/grafana/dashboards:ro");
        assertThat(compose.environment("grafana"))
                .containsEntry("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH",
                        "/var/lib/grafana/dashboards/three-models.json")
                .containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "true")
                .containsEntry("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer");
    }

    @Test
    void k6IsAnOnDemandClientOfTheThreeModelsAndPrometheus() {
        Map<String, Object> k6 = compose.service("k6");
        assertThat(String.valueOf(k6.get("image"))).startsWith("grafana/k6:");
        assertThat(k6).containsEntry("profiles", List.of("loadtest")).containsEntry("entrypoint", "k6")
                .containsEntry("working_dir", "/k6");
        assertThat(volumes("k6")).containsExactlyInAnyOrder("./k6:/k6:ro", "./results:/results");
        assertThat(compose.environment("k6")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "K6_PROMETHEUS_RW_SERVER_URL", "http://prometheus:9090/api/v1/write",
                "K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM", "true",
                "BLOCKING_URL", "http://blocking-service:8080",
                "REACTIVE_URL", "http://reactive-service:8080",
                "VTHREADS_URL", "http://virtual-thread-service:8080",
                "RESULTS_DIR", "/results/k6"));
    }

    @Test
    void everyVolumeIsDeclaredOrInsideTheRepositorySoThatDownMinusVRemovesAll() {
        Set<String> declared = Yaml11.map(compose.document().get("volumes"), "volumes").keySet();
        Set<String> named = new TreeSet<>();
        compose.services().keySet().forEach(name -> volumes(name).forEach(volume -> {
            String source = volume.substring(0, volume.indexOf(':'));
            if (source.startsWith("./")) {
                assertThat(source).as("a bind mount of %s stays inside the repository", name).doesNotContain("..");
            } else {
                assertThat(declared).as("%s's volume %s is declared", name, source).contains(source);
                named.add(source);
            }
        }));
        assertThat(named).isEqualTo(new TreeSet<>(declared));
        assertThat(named).contains("mysql-data", "prometheus-data", "grafana-data");
    }

    /** The long-running services; k6, in its profile, is a one-shot client. */
    private Set<String> servers() {
        return compose.services().keySet().stream()
                .filter(name -> !compose.service(name).containsKey("profiles"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private List<String> volumes(String service) {
        return strings(compose.service(service).getOrDefault("volumes", List.of()));
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    private static boolean isDatabaseProperty(String property) {
        return property != null && DATABASE_PROPERTY_PREFIXES.stream().anyMatch(property::startsWith);
    }
}
