package lab.c10k.lab;

import lab.c10k.conformance.support.RunNamespace;
import lab.c10k.conformance.support.TestServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the image does, done natively, since no Docker engine runs here: the Dockerfile's own extract command on the
 * jar the reactor packaged, its COPY lines merging the layers into the image's /app, and its ENTRYPOINT started there
 * with the service's environment from docker-compose.yml (servers pointed at the test's MySQL and Redis), until the
 * compose healthcheck passes. A wrong launcher class, layer or variable name fails here instead of in a container.
 */
class ImageLayoutTest {

    private static final String MODULE = "blocking-service";
    /** Only so that a start that hangs fails the test instead of the build: on a busy 2-core box it took 40 s. */
    private static final Duration START_BOUND = Duration.ofMinutes(3);

    @TempDir
    static Path work;

    private static final Dockerfile DOCKERFILE = Dockerfile.load();
    private static Path build;
    private static Path app;

    /** The build stage's extract, then the runtime stage's COPY lines, each image path mapped into {@link #work}. */
    @BeforeAll
    static void buildTheImageLayoutNatively() throws Exception {
        Dockerfile.Stage buildStage = DOCKERFILE.stages().getFirst();
        Dockerfile.Stage runtime = DOCKERFILE.finalStage();
        build = Files.createDirectories(work.resolve("build"));
        app = Files.createDirectories(work.resolve("app"));
        Files.copy(packagedJar(), build.resolve("app.jar"));

        String extract = Arrays.stream(buildStage.argumentsOf("RUN").getLast().split("&&"))
                .map(String::strip).filter(step -> step.startsWith("java -Djarmode=tools ")).findFirst()
                .orElseThrow(() -> new AssertionError("No 'java -Djarmode=tools ...' step in the build stage"));
        List<String> command = new ArrayList<>(List.of(extract.split("\\s+")));
        command.set(0, javaCommand());
        Process extraction = new ProcessBuilder(command).directory(build.toFile()).inheritIO().start();
        assertThat(extraction.waitFor()).as(String.join(" ", command)).isZero();

        for (String copy : runtime.argumentsOf("COPY")) {
            String[] words = copy.split("\\s+");
            boolean fromBuild = words[0].equals("--from=" + buildStage.name());
            Path source = fromBuild ? inImage(words[1], buildStage, build) : RepositoryFiles.path(words[0]);
            copyInto(source, inImage(words[words.length - 1], runtime, app));
        }
    }

    @Test
    void extractionGivesEveryLayerTheImageCopiesAndTheLauncherItStarts() throws IOException {
        List<String> layers = DOCKERFILE.finalStage().argumentsOf("COPY").stream()
                .filter(copy -> copy.startsWith("--from="))
                .map(copy -> Path.of(copy.split("\\s+")[1]).getFileName().toString()).toList();
        assertThat(layers).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies",
                "application");
        layers.forEach(layer -> assertThat(build.resolve("extracted").resolve(layer)).isDirectory());

        String launcher = DockerfileTest.entrypoint(DOCKERFILE).getLast();
        assertThat(build.resolve("extracted/spring-boot-loader").resolve(launcher.replace('.', '/') + ".class"))
                .isRegularFile();
        try (JarFile jar = new JarFile(build.resolve("app.jar").toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(launcher);
        }
        assertThat(build.resolve("extracted/application/BOOT-INF/classes/application.yaml")).isRegularFile();
        try (Stream<Path> libraries = Files.list(build.resolve("extracted/dependencies/BOOT-INF/lib"))) {
            assertThat(libraries.map(library -> library.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("spring-boot-4"));
        }
        assertThat(app.resolve("jvm.options")).hasSameTextualContentAs(RepositoryFiles.path("docker/jvm.options"));
    }

    @Test
    void theEntrypointStartsTheServiceOnItsComposeEnvironmentUntilTheHealthcheckPasses() throws Exception {
        ComposeFile compose = ComposeFile.load();
        try (RunNamespace namespace = RunNamespace.create(TestServers.get())) {
            int port = Ports.free();
            Path log = work.resolve("service.log");
            ProcessBuilder starter = new ProcessBuilder(entrypointCommand()).directory(app.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            starter.environment().putAll(environmentOnTestServers(compose, namespace));
            // The image's SERVER_PORT=8080, moved to a free port: this machine runs other services.
            starter.environment().put("SERVER_PORT", String.valueOf(port));
            Process service = starter.start();
            try {
                assertThat(awaitHealthy(compose, port, service)).as("compose healthcheck; log:%n%s", tail(log))
                        .isTrue();
                assertThat(tables(namespace)).as("migrated through SPRING_DATASOURCE_URL")
                        .contains("flyway_schema_history", "train", "ticket");
                // The health groups k8s/'s probes ask (K8sRulesTest), served outside Kubernetes too.
                for (String group : List.of("liveness", "readiness")) {
                    Http.get(URI.create("http://127.0.0.1:" + port + "/actuator/health/" + group)).expect(200);
                }
            } finally {
                service.destroy();
            }
            // docker stop sends SIGTERM, then SIGKILL after stop_grace_period.
            assertThat(service.waitFor(seconds(compose.service(MODULE).get("stop_grace_period")), TimeUnit.SECONDS))
                    .as("stops on SIGTERM within stop_grace_period; log:%n%s", tail(log)).isTrue();
        }
    }

    private static Path packagedJar() throws IOException {
        Path target = RepositoryFiles.path(MODULE + "/target");
        List<Path> jars;
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            jars = files.filter(file -> file.getFileName().toString().matches(MODULE + "-[0-9].*\\.jar")).toList();
        }
        assertThat(jars).as("the jar of %s packaged by the reactor in %s; lab-tests comes after the services in "
                + "`./mvnw -B verify`, or package them first: ./mvnw -B package -DskipTests", MODULE, target)
                .hasSize(1);
        return jars.getFirst();
    }

    /** An absolute path of the image, or one relative to a stage's WORKDIR, in the folder that stands for it. */
    private static Path inImage(String path, Dockerfile.Stage stage, Path folder) {
        String workdir = stage.argumentsOf("WORKDIR").getLast();
        if (path.startsWith("/")) {
            assertThat(path).as("a path under %s", workdir).startsWith(workdir + "/");
            path = path.substring(workdir.length() + 1);
        }
        return folder.resolve(path).normalize();
    }

    private static void copyInto(Path source, Path target) throws IOException {
        if (Files.isRegularFile(source)) {
            Files.createDirectories(target.getParent());
            Files.copy(source, target);
            return;
        }
        try (Stream<Path> tree = Files.walk(source)) {
            for (Path from : (Iterable<Path>) tree::iterator) {
                Path to = target.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
    }

    /** The ENTRYPOINT, with its java the JDK 25 running this test and its image paths mapped into {@link #app}. */
    private static List<String> entrypointCommand() {
        List<String> command = new ArrayList<>();
        for (String word : DockerfileTest.entrypoint(DOCKERFILE)) {
            if (word.equals("java")) {
                command.add(javaCommand());
            } else if (word.startsWith("@")) {
                command.add("@" + inImage(word.substring(1), DOCKERFILE.finalStage(), app));
            } else {
                command.add(word);
            }
        }
        return command;
    }

    /** The service's compose variables with mysql and redis swapped for the test's servers and run data. */
    private static Map<String, String> environmentOnTestServers(ComposeFile compose, RunNamespace namespace) {
        TestServers.Mysql mysql = namespace.servers().mysql();
        TestServers.Redis redis = namespace.servers().redis();
        Map<String, String> environment = new LinkedHashMap<>();
        compose.environment(MODULE).forEach((variable, value) -> {
            if (value.startsWith("jdbc:") || value.startsWith("r2dbc:")) {
                value = value.replace("//mysql:3306/" + ServiceConfig.databaseOf(value) + "?",
                        "//" + mysql.host() + ":" + mysql.port() + "/" + namespace.database() + "?");
            } else if (value.equals("redis")) {
                value = redis.host();
            }
            environment.put(variable, value);
        });
        assertThat(environment.values()).noneMatch(value -> value.contains("mysql:3306") || value.equals("redis"));
        // Compose relies on the servers' standard ports, the test servers may not; and on the run's own data.
        environment.put("SPRING_DATA_REDIS_PORT", String.valueOf(redis.port()));
        environment.put("SPRING_DATASOURCE_USERNAME", mysql.user());
        environment.put("SPRING_DATASOURCE_PASSWORD", mysql.password());
        environment.put("C10K_REDIS_KEYPREFIX", namespace.redisKeyPrefix());
        return environment;
    }

    /** Runs the compose healthcheck of the service, pointed at its port, until it passes or the service dies. */
    private static boolean awaitHealthy(ComposeFile compose, int port, Process service) throws Exception {
        Map<String, Object> healthcheck = Yaml11.map(compose.service(MODULE).get("healthcheck"), "healthcheck");
        List<String> test = ((List<?>) healthcheck.get("test")).stream().map(String::valueOf)
                .map(word -> word.replace("/dev/tcp/127.0.0.1/8080", "/dev/tcp/127.0.0.1/" + port)).toList();
        assertThat(test.getFirst()).isEqualTo("CMD");
        long timeout = seconds(healthcheck.get("timeout"));
        Instant deadline = Instant.now().plus(START_BOUND);
        while (service.isAlive() && Instant.now().isBefore(deadline)) {
            Process check = new ProcessBuilder(test.subList(1, test.size())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (check.waitFor(timeout, TimeUnit.SECONDS) && check.exitValue() == 0) {
                return true;
            }
            check.destroyForcibly();
            Thread.sleep(1000);
        }
        return false;
    }

    private static List<String> tables(RunNamespace namespace) throws SQLException {
        TestServers.Mysql mysql = namespace.servers().mysql();
        List<String> tables = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(namespace.jdbcUrl(), mysql.user(), mysql.password());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
            query.setString(1, namespace.database());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }

    private static long seconds(Object composeDuration) {
        String text = String.valueOf(composeDuration);
        assertThat(text).as("a duration in whole seconds").matches("\\d+s");
        return Long.parseLong(text.substring(0, text.length() - 1));
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
