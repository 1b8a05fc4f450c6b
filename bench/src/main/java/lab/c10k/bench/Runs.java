package lab.c10k.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/** The run documents of one results folder (runs/*.json), and min/median/max of a value over valid rounds. */
record Runs(List<Map<String, Object>> all, List<String> services) {

    static Runs load(Path dir, List<String> serviceOrder) {
        List<Map<String, Object>> all = new ArrayList<>();
        Path runs = dir.resolve("runs");
        if (Files.isDirectory(runs)) {
            try (Stream<Path> files = Files.list(runs)) {
                files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(f -> all.add(Json.read(f)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        Set<String> services = new LinkedHashSet<>(serviceOrder);
        all.forEach(r -> services.add(String.valueOf(r.get("service"))));
        return new Runs(all, List.copyOf(services));
    }

    List<Map<String, Object>> of(String scenario, String service) {
        return all.stream().filter(r -> scenario.equals(r.get("scenario")) && service.equals(r.get("service"))
                && !r.containsKey("unavailable")).toList();
    }

    /** Why a service could not run at all (io_uring in a sandbox), or null. */
    String unavailable(String service) {
        return all.stream().filter(r -> service.equals(r.get("service")) && r.containsKey("unavailable"))
                .map(r -> String.valueOf(r.get("unavailable"))).findFirst().orElse(null);
    }

    boolean hasScenario(String scenario) {
        return all.stream().anyMatch(r -> scenario.equals(r.get("scenario")));
    }

    /** The value over the valid runs of a scenario and service; invalid runs count in {@link #invalid}. */
    Stats stats(String scenario, String service, Function<Map<String, Object>, Object> value) {
        return Stats.of(of(scenario, service).stream().filter(Runs::valid).map(value).map(Runs::toDouble).toList());
    }

    long invalid(String scenario, String service) {
        return of(scenario, service).stream().filter(r -> !valid(r)).count();
    }

    static boolean valid(Map<String, Object> run) {
        return Boolean.TRUE.equals(run.get("valid"));
    }

    static Double toDouble(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    /** Values at dotted paths, for lambdas: {@code at("result.latency.p99Ms")}. */
    static Function<Map<String, Object>, Object> at(String path) {
        return run -> Json.at(run, path);
    }

    /** The failed checks of every run, for the report's list of invalid runs. */
    List<String> failures() {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> run : all) {
            if (run.containsKey("unavailable") || valid(run)) {
                continue;
            }
            for (Object check : Json.list(run, "checks")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> c = (Map<String, Object>) check;
                if (!Boolean.TRUE.equals(c.get("passed"))) {
                    out.add(run.get("scenario") + " / " + run.get("service") + " / round " + run.get("round") + ": "
                            + c.get("name") + ": " + c.get("detail"));
                }
            }
        }
        return out;
    }
}
