package lab.c10k.lab;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboards' JSON as Grafana's provisioning loads it, checked without a Grafana. */
class DashboardFilesTest {

    private static final String DATASOURCE = "c10k-prometheus";

    private static final Set<String> GRAFANA_VARIABLES = Set.of("__rate_interval", "__interval", "__range");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"three-models.json", "k6-run.json"})
    void panelIdsAreUnique(String file) {
        List<Integer> ids = Dashboard.read(file).panels().stream().map(panel -> panel.path("id").asInt()).toList();

        assertThat(ids).doesNotContain(0).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"three-models.json", "k6-run.json"})
    void everyPanelSaysWhatToLookFor(String file) {
        assertThat(Dashboard.read(file).panels())
                .allSatisfy(panel -> assertThat(panel.path("description").asString())
                        .as("description of '%s'", panel.path("title").asString()).hasSizeGreaterThan(20));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"three-models.json", "k6-run.json"})
    void everyPanelAndQueryUsesTheLabsDatasource(String file) {
        for (JsonNode panel : Dashboard.read(file).panels()) {
            if ("row".equals(panel.path("type").asString())) {
                continue;
            }
            String title = panel.path("title").asString();
            assertThat(panel.path("datasource").path("uid").asString()).as("datasource of '%s'", title)
                    .isEqualTo(DATASOURCE);
            assertThat(panel.path("targets")).as("queries of '%s'", title).isNotEmpty()
                    .allSatisfy(target -> {
                        assertThat(target.path("datasource").path("uid").asString()).isEqualTo(DATASOURCE);
                        assertThat(target.path("expr").asString()).isNotBlank();
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"three-models.json", "k6-run.json"})
    void queriesUseOnlyTheDashboardsOwnVariables(String file) {
        Dashboard dashboard = Dashboard.read(file);
        Set<String> known = new HashSet<>(GRAFANA_VARIABLES);
        known.addAll(dashboard.variableNames());
        List<String> used = new ArrayList<>();
        for (Dashboard.Query query : dashboard.queries()) {
            Matcher matcher = VARIABLE.matcher(query.expr());
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
        }

        assertThat(used).isNotEmpty().allMatch(known::contains);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"three-models.json", "k6-run.json"})
    void variablesQueryTheLabsDatasource(String file) {
        assertThat(Dashboard.read(file).json().path("templating").path("list"))
                .allSatisfy(variable -> assertThat(variable.path("datasource").path("uid").asString())
                        .isEqualTo(DATASOURCE));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"three-models.json", "k6-run.json"})
    void dashboardsHaveTheirOwnUid(String file) {
        String uid = Dashboard.read(file).json().path("uid").asString();
        String other = Dashboard.read(file.equals("k6-run.json") ? "three-models.json" : "k6-run.json").json()
                .path("uid").asString();

        assertThat(uid).startsWith("c10k-").isNotEqualTo(other);
    }
}
