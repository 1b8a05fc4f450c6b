package lab.c10k.conformance.k6;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The tags a VU puts on its samples, merged as k6 does: the system tags it keeps (options.systemTags, or k6's
 * default set), the test-wide tags (options.tags), the scenario's tags, then the tags of the call itself.
 */
final class Tags {

    static final Set<String> K6_DEFAULT_SYSTEM_TAGS = Set.of("proto", "subproto", "status", "method", "url", "name",
            "group", "check", "error", "error_code", "tls_version", "scenario", "service", "expected_response");

    private final Map<String, String> test;
    private final Set<String> system;
    private final String scenario;
    private final Map<String, String> scenarioTags;
    private String group = "";

    Tags(Map<String, String> test, Set<String> system, String scenario, Map<String, String> scenarioTags) {
        this.test = test;
        this.system = system;
        this.scenario = scenario;
        this.scenarioTags = scenarioTags;
    }

    String group() {
        return group;
    }

    void group(String path) {
        group = path;
    }

    Map<String, String> forSample(Map<String, String> systemTags, Map<String, String> own) {
        Map<String, String> all = new HashMap<>();
        systemTags.forEach((name, value) -> keepSystem(all, name, value));
        if (scenario != null) {
            keepSystem(all, "scenario", scenario);
        }
        keepSystem(all, "group", group);
        all.putAll(test);
        all.putAll(scenarioTags);
        all.putAll(own);
        return all;
    }

    private void keepSystem(Map<String, String> all, String name, String value) {
        if (system.contains(name)) {
            all.put(name, value);
        }
    }
}
