package lab.c10k.lab;

import lab.c10k.conformance.support.Json;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Grafana dashboard of grafana/dashboards, read as Grafana reads it: its panels (rows included) and queries. */
record Dashboard(String file, JsonNode json) {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");

    /** One query of a panel, with the row it sits under. */
    record Query(String dashboard, String row, String panel, String legend, String expr) {

        /** The expression with Grafana's variables replaced; fails on one it was not given. */
        String substituted(Map<String, String> variables) {
            Matcher matcher = VARIABLE.matcher(expr);
            StringBuilder promql = new StringBuilder();
            while (matcher.find()) {
                String value = variables.get(matcher.group(1));
                if (value == null) {
                    throw new AssertionError(dashboard + " '" + panel + "' uses $" + matcher.group(1)
                            + ", which the lab test does not know: " + expr);
                }
                matcher.appendReplacement(promql, Matcher.quoteReplacement(value));
            }
            return matcher.appendTail(promql).toString();
        }

        String describe() {
            return "[" + row + "] " + panel + " :: " + legend;
        }
    }

    static Dashboard read(String file) {
        Path path = Repository.file("grafana/dashboards/" + file);
        try {
            return new Dashboard(file, Json.parse(Files.readString(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel, rows and the panels of collapsed rows included, in the order Grafana lays them out. */
    List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        String row = "";
        for (JsonNode panel : panels()) {
            if ("row".equals(panel.path("type").asString())) {
                row = panel.path("title").asString();
                continue;
            }
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(file, row, panel.path("title").asString(), target.path("legendFormat").asString(),
                        target.path("expr").asString()));
            }
        }
        return queries;
    }

    List<String> variableNames() {
        List<String> names = new ArrayList<>();
        json.path("templating").path("list").forEach(variable -> names.add(variable.path("name").asString()));
        return names;
    }
}
