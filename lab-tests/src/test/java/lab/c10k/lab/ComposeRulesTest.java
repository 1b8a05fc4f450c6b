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
        assertThat(longRunning()).containsAll(servers()).contains("haproxy", "prometheus-scale");
        longRunning().forEach(name -> {
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
                assertThat(longRunning()).as("%s depends on a server with a healthcheck", name).contains(dependency);
                // A server of a profile starts only with it: whoever waits for it is in that profile too.
                Object profiles = compose.service(dependency).get("profiles");
                if (profiles != null) {
                    assertThat(compose.service(name).get("profiles")).as("%s's profiles", name).isEqualTo(profiles);
                }
            });
        });
        assertThat(dependents).contains("k6", "grafana", "haproxy", "prometheus-scale")
                .containsAll(Modules.services()).containsAll(pools());
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

    /**
     * Profile scale: each model's pool of replicas is that model's service again (its image, its environment: the
     * same database and Redis key prefix, so one service with it) under the same limits, unpublished and never built
     * a second time.
     */
    @Test
    void theScaleProfileRunsReplicasOfEachModelAsThatModel() {
        Modules.services().forEach(model -> {
            String pool = model + "-pool";
            Map<String, Object> replicas = new LinkedHashMap<>(compose.service(pool));
            assertThat(replicas).as(pool).containsEntry("profiles", List.of(SCALE))
                    .containsEntry("image", compose.service(model).get("image"))
                    .containsEntry("pull_policy", "never")
                    .doesNotContainKeys("build", "ports", "container_name");
            assertThat(compose.environment(pool)).as(pool).isEqualTo(compose.environment(model));
            int count = ((Number) Yaml11.map(replicas.get("deploy"), pool + ".deploy").get("replicas")).intValue();
            assertThat(count).as("replicas of %s", pool).isGreaterThanOrEqualTo(2)
                    .isLessThanOrEqualTo(haproxySlots(pool));
            Map<String, Object> single = new LinkedHashMap<>(compose.service(model));
            single.keySet().removeAll(PER_MODEL_KEYS);
            replicas.keySet().removeAll(PER_MODEL_KEYS);
            replicas.keySet().removeAll(Set.of("profiles", "pull_policy", "deploy"));
            assertThat(replicas).as("%s's limits, healthcheck and dependencies", pool).isEqualTo(single);
        });
    }

    @Test
    void haproxyFrontsEachPoolOnItsOwnHostPortFromAPinnedImage() {
        Map<String, Object> haproxy = compose.service("haproxy");
        assertThat(String.valueOf(haproxy.get("image"))).matches("haproxy:\\d+\\.\\d+\\.\\d+-alpine");
        assertThat(haproxy).containsEntry("profiles", List.of(SCALE));
        assertThat(volumes("haproxy")).containsExactly("./haproxy:/usr/local/etc/haproxy:ro");
        assertThat(Yaml11.map(haproxy.get("depends_on"), "haproxy.depends_on").keySet())
                .containsExactlyInAnyOrderElementsOf(pools());
        String config = RepositoryFiles.read("haproxy/haproxy.cfg");
        String imagePort = Dockerfile.load().finalStage().argumentsOf("EXPOSE").getFirst();
        List<String> ports = new java.util.ArrayList<>();
        Modules.services().forEach(model -> {
            String pool = model + "-pool";
            // The frontend bound to the container port that compose publishes on 80xx+10 sends to this pool.
            Matcher frontend = Pattern.compile("frontend \\S+\\n    bind :(\\d+)\\n    default_backend " + pool + "\\n")
                    .matcher(config);
            assertThat(frontend.find()).as("a frontend of %s in haproxy.cfg", pool).isTrue();
            int published = Integer.parseInt(HOST_PORTS.get(model)) + 10;
            ports.add("127.0.0.1:" + published + ":" + frontend.group(1));
            assertThat(config).as("%s's servers: the pool's replicas by DNS, on the image port", pool)
                    .containsPattern("server-template \\S+ \\d+ " + pool + ":" + imagePort + "\\n");
        });
        ports.add("127.0.0.1:8404:8404");
        assertThat(compose.ports("haproxy")).containsExactlyInAnyOrderElementsOf(ports);
        assertThat(String.valueOf(Yaml11.map(haproxy.get("healthcheck"), "haproxy.healthcheck").get("test")))
                .contains("http://127.0.0.1:8404/healthz");
        assertThat(config).contains("monitor-uri /healthz", "bind :8404");
    }

    @Test
    void theScaleProfilesPrometheusDiscoversEveryReplicaByDns() {
        Map<String, Object> prometheus = compose.service("prometheus-scale");
        assertThat(prometheus).containsEntry("profiles", List.of(SCALE))
                .containsEntry("image", compose.service("prometheus").get("image"));
        assertThat(compose.command("prometheus-scale")).contains("--config.file=/etc/prometheus/prometheus.yml");
        assertThat(volumes("prometheus-scale"))
                .contains("./prometheus/scale.yml:/etc/prometheus/prometheus.yml:ro");
        Map<String, Object> config = Yaml11.load(RepositoryFiles.read("prometheus/scale.yml"));
        Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
        ((List<?>) config.get("scrape_configs")).forEach(job -> {
            Map<String, Object> map = Yaml11.map(job, "scrape config");
            jobs.put(String.valueOf(map.get("job_name")), map);
        });
        pools().forEach(pool -> {
            assertThat(jobs).containsKey(pool);
            assertThat(jobs.get(pool)).containsEntry("metrics_path", "/actuator/prometheus")
                    .doesNotContainKey("static_configs");
            Map<String, Object> dns = Yaml11.map(((List<?>) jobs.get(pool).get("dns_sd_configs")).getFirst(), pool);
            assertThat(dns).containsEntry("names", List.of(pool)).containsEntry("type", "A")
                    .containsEntry("port", Integer.parseInt(
                            Dockerfile.load().finalStage().argumentsOf("EXPOSE").getFirst()));
        });
        assertThat(jobs).containsKey("haproxy");
    }

    private static final String SCALE = "scale";

    private List<String> pools() {
        return Modules.services().stream().map(model -> model + "-pool").toList();
    }

    /** How many servers haproxy.cfg's template gives a pool: the most replicas it can spread over. */
    private static int haproxySlots(String pool) {
        Matcher template = Pattern.compile("server-template \\S+ (\\d+) " + pool + ":")
                .matcher(RepositoryFiles.read("haproxy/haproxy.cfg"));
        assertThat(template.find()).as("a server-template of %s", pool).isTrue();
        return Integer.parseInt(template.group(1));
    }

    /** The servers, and those of profile scale (which run as long as its lab does). */
    private Set<String> longRunning() {
        Set<String> longRunning = servers();
        compose.services().keySet().stream()
                .filter(name -> List.of(SCALE).equals(compose.service(name).get("profiles")))
                .forEach(longRunning::add);
        return longRunning;
    }

    /** The long-running services of the default profile; k6, in its profile, is a one-shot client. */
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
