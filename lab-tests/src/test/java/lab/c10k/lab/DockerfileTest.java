package lab.c10k.lab;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The one Dockerfile of the three services: pinned, unprivileged, and started with the lab's single JVM-flags file. */
class DockerfileTest {

    private static final Pattern EXACT_TAG = Pattern.compile("v?\\d+\\.\\d+\\.\\d+([._-][A-Za-z0-9._-]+)?");
    private static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies",
            "application");

    private final Dockerfile dockerfile = Dockerfile.load();

    @Test
    void syntaxDirectiveIsPinnedToAnExactVersion() {
        assertThat(dockerfile.syntax()).matches("docker/dockerfile:\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void everyBaseImageIsPinnedToAnExactVersion() {
        List<String> stageNames = dockerfile.stages().stream().map(Dockerfile.Stage::name).toList();
        dockerfile.stages().stream().map(Dockerfile.Stage::base).filter(base -> !stageNames.contains(base))
                .forEach(base -> {
                    assertThat(base).as("a base image named in full, not through an ARG").doesNotContain("$")
                            .contains(":").doesNotContain("@");
                    assertThat(base.substring(base.lastIndexOf(':') + 1)).as(base).matches(EXACT_TAG)
                            .doesNotContain("latest");
                });
    }

    @Test
    void theServiceRunsOnTheJdkReleaseItWasBuiltWith() {
        Dockerfile.Stage build = dockerfile.stages().getFirst();
        Dockerfile.Stage runtime = dockerfile.finalStage();
        assertThat(build.base()).startsWith("eclipse-temurin:").endsWith("-jdk-noble");
        assertThat(runtime.base()).isEqualTo(build.base().replace("-jdk-", "-jre-"));
    }

    @Test
    void theBuildAcceptsExactlyTheThreeServicesAsModule() {
        String build = String.join("\n", dockerfile.stages().getFirst().argumentsOf("RUN"));
        Matcher allowed = Pattern.compile("case \"\\$MODULE\" in\\s+([a-z|-]+)\\)").matcher(build);
        assertThat(allowed.find()).as("a case on $MODULE that lists the allowed values").isTrue();
        assertThat(Arrays.asList(allowed.group(1).split("\\|")))
                .containsExactlyInAnyOrderElementsOf(Modules.services());
        assertThat(build).contains("./mvnw -B -q package -DskipTests -pl \"$MODULE\" -am")
                .contains("--mount=type=cache,target=/root/.m2");
        assertThat(dockerfile.finalStage().argumentsOf("ARG")).contains("MODULE");
    }

    @Test
    void theImageRunsAsAnUnprivilegedUser() {
        List<String> users = dockerfile.finalStage().argumentsOf("USER");
        assertThat(users).isNotEmpty();
        assertThat(users.getLast().split(":")[0]).isNotIn("root", "0");
        List<String> keywords = dockerfile.finalStage().instructions().stream()
                .map(Dockerfile.Instruction::keyword).toList();
        assertThat(keywords.lastIndexOf("USER")).as("nothing runs as root after USER")
                .isGreaterThan(keywords.lastIndexOf("RUN"));
    }

    @Test
    void theEntrypointPassesTheLabsOneJvmOptionsFileAndNoFlagOfItsOwn() {
        List<String> entrypoint = entrypoint(dockerfile);
        assertThat(entrypoint).hasSize(3).startsWith("java", "@/app/jvm.options");
        assertThat(entrypoint.getLast()).matches("[a-z.]+\\.[A-Z][A-Za-z]+");
        assertThat(dockerfile.finalStage().argumentsOf("COPY")).contains("docker/jvm.options /app/jvm.options");
        assertThat(dockerfile.finalStage().argumentsOf("WORKDIR")).containsExactly("/app");
    }

    @Test
    void theImageCopiesBootsFourLayersInOrderOfChange() {
        assertThat(dockerfile.stages().getFirst().argumentsOf("RUN").getLast())
                .contains("-Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted");
        String extracted = dockerfile.stages().getFirst().argumentsOf("WORKDIR").getLast() + "/extracted/";
        List<String> copied = dockerfile.finalStage().argumentsOf("COPY").stream()
                .filter(copy -> copy.startsWith("--from=" + dockerfile.stages().getFirst().name() + " "))
                .toList();
        assertThat(copied).containsExactlyElementsOf(
                LAYERS.stream().map(layer -> "--from=build " + extracted + layer + "/ ./").toList());
    }

    @Test
    void theImageServesOnThePortItExposes() {
        Dockerfile.Stage runtime = dockerfile.finalStage();
        assertThat(runtime.argumentsOf("ENV")).containsExactly("SERVER_PORT=8080");
        assertThat(runtime.argumentsOf("EXPOSE")).containsExactly("8080");
        // server.port is what SERVER_PORT binds to: every service sets it, so the image's value wins over theirs.
        Modules.services().forEach(module -> assertThat(ServiceConfig.of(module).propertyBoundBy("SERVER_PORT"))
                .isEqualTo("server.port"));
        ComposeFile compose = ComposeFile.load();
        Map<String, Object> healthcheck = Yaml11.map(compose.service("blocking-service").get("healthcheck"),
                "healthcheck");
        assertThat(String.valueOf(healthcheck.get("test"))).contains("/dev/tcp/127.0.0.1/8080");
    }

    @Test
    void theBuildContextKeepsWhatTheBuildReadsAndLeavesOutBuildOutput() {
        List<String> ignored = RepositoryFiles.read(".dockerignore").lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        List<String> read = new ArrayList<>(List.of("mvnw", ".mvn/wrapper/maven-wrapper.properties", "pom.xml",
                "docker/jvm.options"));
        // Maven reads every module's pom to plan the reactor, even with -pl.
        Modules.all().forEach(module -> read.addAll(List.of(module + "/pom.xml", module + "/src/main/java")));
        assertThat(read).allSatisfy(path -> assertThat(isIgnored(path, ignored)).as(path).isFalse());
        assertThat(List.of("blocking-service/target/blocking-service.jar", ".git/HEAD", "results/k6/summary.json"))
                .allSatisfy(path -> assertThat(isIgnored(path, ignored)).as(path).isTrue());
    }

    /** Docker's rule: a pattern excludes the paths it matches and all below them; the last matching line wins. */
    private static boolean isIgnored(String path, List<String> patterns) {
        boolean ignored = false;
        for (String line : patterns) {
            boolean keep = line.startsWith("!");
            String pattern = (keep ? line.substring(1) : line).replaceAll("/+$", "");
            List<PathMatcher> matchers = Stream.of(pattern, pattern.replaceFirst("^\\*\\*/", ""))
                    .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
            for (Path prefix = Path.of(path); prefix != null; prefix = prefix.getParent()) {
                Path candidate = prefix;
                if (matchers.stream().anyMatch(matcher -> matcher.matches(candidate))) {
                    ignored = !keep;
                    break;
                }
            }
        }
        return ignored;
    }

    static List<String> entrypoint(Dockerfile dockerfile) {
        List<String> entrypoints = dockerfile.finalStage().argumentsOf("ENTRYPOINT");
        assertThat(entrypoints).as("one ENTRYPOINT").hasSize(1);
        assertThat(entrypoints.getFirst()).as("exec form, so that the JVM is PID 1 and gets SIGTERM").startsWith("[");
        return Arrays.asList(JsonMapper.builder().build().readValue(entrypoints.getFirst(), String[].class));
    }
}
