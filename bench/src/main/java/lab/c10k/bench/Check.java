package lab.c10k.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One self-check of a run: a run with any failed check is reported as invalid, never as a number. */
record Check(String name, boolean passed, String detail) {

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("passed", passed);
        map.put("detail", detail);
        return map;
    }

    static List<Map<String, Object>> toMaps(List<Check> checks) {
        return checks.stream().map(Check::toMap).toList();
    }

    static boolean allPassed(List<Check> checks) {
        return checks.stream().allMatch(Check::passed);
    }
}
