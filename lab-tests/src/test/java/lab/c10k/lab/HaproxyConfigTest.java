package lab.c10k.lab;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * haproxy/haproxy.cfg, the compose profile scale's load balancer: the real HAProxy (Debian's, which CI installs)
 * accepts it, and what it answers itself when no replica can is the contract's 503 of the model behind it.
 */
class HaproxyConfigTest {

    private static final Path CONFIG = Repository.file("haproxy/haproxy.cfg");

    /** From another directory than its own: the errorfiles are found relative to the file (default-path config). */
    @Test
    void debiansHaproxyAcceptsTheConfig() throws IOException, InterruptedException {
        Process check = new ProcessBuilder("/usr/sbin/haproxy", "-c", "-f", CONFIG.toString())
                .directory(Repository.ROOT.resolve("lab-tests").toFile())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(check.waitFor()).as(output).isZero();
        assertThat(output).as("warnings of haproxy -c").doesNotContain("[WARNING]", "[ALERT]");
    }

    @Test
    void eachPoolAnswersTheContracts503OfItsOwnModelWhenNoReplicaCan() throws IOException {
        Map<String, List<String>> errorfiles = errorfilesByBackend(Files.readString(CONFIG));
        assertThat(errorfiles.keySet()).containsExactlyInAnyOrderElementsOf(
                Modules.services().stream().map(model -> model + "-pool").toList());
        for (String model : Modules.services()) {
            List<String> files = errorfiles.get(model + "-pool");
            assertThat(files).as("errorfiles of %s-pool", model).hasSize(3).containsOnly(files.getFirst());
            String answer = Files.readString(CONFIG.resolveSibling(files.getFirst()), StandardCharsets.UTF_8);
            assertUnavailable(answer, ServiceConfig.of(model).properties().get("c10k.model"));
        }
    }

    private static void assertUnavailable(String answer, String model) {
        int end = answer.indexOf("\r\n\r\n");
        assertThat(end).as("an HTTP answer with CRLF line ends").isPositive();
        List<String> head = List.of(answer.substring(0, end).split("\r\n"));
        String body = answer.substring(end + 4);
        assertThat(head.getFirst()).isEqualTo("HTTP/1.1 503 Service Unavailable");
        assertThat(head).contains("Content-Type: application/problem+json", "Retry-After: 1",
                "X-Concurrency-Model: " + model,
                "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length);
        JsonNode problem = JsonMapper.builder().build().readTree(body);
        assertThat(problem.path("type").asString()).isEqualTo("/problems/unavailable");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
    }

    /** Each backend's errorfiles (502, 503, 504), by backend name. */
    private static Map<String, List<String>> errorfilesByBackend(String config) {
        Map<String, List<String>> byBackend = new LinkedHashMap<>();
        Matcher backend = Pattern.compile("(?m)^backend (\\S+)\\n((?:    .*\\n)+)").matcher(config);
        while (backend.find()) {
            Matcher errorfile = Pattern.compile("errorfile (502|503|504) (\\S+)").matcher(backend.group(2));
            List<String> files = new java.util.ArrayList<>();
            while (errorfile.find()) {
                files.add(errorfile.group(2));
            }
            byBackend.put(backend.group(1), files);
        }
        return byBackend;
    }
}
