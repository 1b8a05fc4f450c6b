package lab.c10k.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Out of memory is fatal and fast, however a service starts, so that an orchestrator restarts it: a JVM that lived on
 * after an OutOfMemoryError was seen ignoring SIGTERM and holding its port (docs/pitfalls.md). The Dockerfile, the
 * bench and the lab test start every jar with docker/jvm.options; spring-boot:run and spring-boot:test-run take it
 * from the root pom; the services under test run inside test JVMs whose flags are the root pom's c10k.test.jvm.
 */
class OutOfMemoryExitTest {

    static final List<String> SERVICES = Repository.SERVICES;

    /** Hang bound only: a start that runs out of heap ends in about 10 s here. */
    private static final long HANG_MINUTES = 3;

    @ParameterizedTest
    @FieldSource("SERVICES")
    void aServiceStartedWithTheSharedFlagsExitsWhenItRunsOutOfHeap(String module)
            throws IOException, InterruptedException {
        Path log = Repository.target("lab/" + module + "-out-of-memory.log");
        Files.createDirectories(log.getParent());
        // A heap Spring Boot cannot start in. The servers are closed ports, so the start touches no database, and a
        // JVM that did not run out of heap would fail on them instead, with another status.
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Repository.file("docker/jvm.options"), "-Xmx16m", "-jar", Repository.jar(module).toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SERVER_PORT", "0");
        builder.environment().put("MYSQL_PORT", "1");
        builder.environment().put("REDIS_PORT", "1");
        Process process = builder.start();
        boolean ended = process.waitFor(HANG_MINUTES, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }

        String output = Files.readString(log);
        assertThat(ended).as(module + " ended; its output: " + log).isTrue();
        // ExitOnOutOfMemoryError's status and message (HotSpot).
        assertThat(process.exitValue()).as(module + "'s exit status; output: " + output).isEqualTo(3);
        assertThat(output).contains("Terminating due to java.lang.OutOfMemoryError");
    }

    @Test
    void everyStartPassesTheFlag() throws IOException {
        assertThat(lines("docker/jvm.options")).contains("-XX:+ExitOnOutOfMemoryError");
        String root = Files.readString(Repository.file("pom.xml"));
        assertThat(root).contains("<jvmArguments>@${maven.multiModuleProjectDirectory}/docker/jvm.options</jvmArguments>");
        Matcher testJvm = Pattern.compile("<c10k.test.jvm>([^<]*)</c10k.test.jvm>").matcher(root);
        assertThat(testJvm.find()).as("c10k.test.jvm in pom.xml").isTrue();
        assertThat(testJvm.group(1).split(" ")).contains("-XX:+ExitOnOutOfMemoryError");
        for (String module : List.of("", "blocking-service/", "virtual-thread-service/", "reactive-service/",
                "conformance-tests/", "lab-tests/", "bench/")) {
            Matcher argLine = Pattern.compile("<argLine>([^<]*)</argLine>")
                    .matcher(Files.readString(Repository.file(module + "pom.xml")));
            while (argLine.find()) {
                assertThat(argLine.group(1)).as("an argLine of " + module + "pom.xml").startsWith("${c10k.test.jvm}");
            }
        }
    }

    @Test
    void composeStartsAServiceThatExitedAgain() {
        ComposeFile compose = ComposeFile.load();
        assertThat(compose.builtServices()).hasSize(3).allSatisfy(service ->
                assertThat(compose.service(service).get("restart")).as("restart of " + service).isEqualTo("on-failure"));
    }

    private static List<String> lines(String file) throws IOException {
        return Files.readAllLines(Repository.file(file)).stream().map(String::strip).toList();
    }
}
