package lab.c10k.conformance.k6;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every check's passes and fails by group, to build k6's root_group and to name the checks that failed. */
final class Checks {

    private static final class Count {
        long passes;
        long fails;
        String firstFailure = "";
    }

    private final Map<String, Map<String, Count>> byGroup = new LinkedHashMap<>();

    /** One check's outcome; failedReply describes the reply it was made on when it failed (or is empty). */
    synchronized void record(String group, String name, boolean ok, String failedReply) {
        Count count = byGroup.computeIfAbsent(group, g -> new LinkedHashMap<>()).computeIfAbsent(name, n -> new Count());
        if (ok) {
            count.passes++;
        } else {
            if (count.fails++ == 0) {
                count.firstFailure = failedReply;
            }
        }
    }

    synchronized long passes() {
        return byGroup.values().stream().flatMap(m -> m.values().stream()).mapToLong(c -> c.passes).sum();
    }

    /** Every check that failed at least once: how often, its group path, and the first reply it failed on. */
    synchronized List<String> failures() {
        List<String> out = new ArrayList<>();
        byGroup.forEach((group, checks) -> checks.forEach((name, count) -> {
            if (count.fails > 0) {
                out.add("check failed " + count.fails + " of " + (count.passes + count.fails) + " times: "
                        + group + "::" + name + (count.firstFailure.isEmpty() ? "" : "; first on " + count.firstFailure));
            }
        }));
        return out;
    }

    /** k6's root_group: nested groups by path, each with its checks. */
    synchronized ObjectNode rootGroup(JsonMapper json) {
        return group(json, "", "");
    }

    private ObjectNode group(JsonMapper json, String name, String path) {
        ObjectNode group = json.createObjectNode();
        group.put("name", name);
        group.put("path", path);
        group.put("id", md5(path));
        ArrayNode groups = group.putArray("groups");
        byGroup.keySet().stream()
                .filter(p -> p.startsWith(path + "::") && !p.substring(path.length() + 2).contains("::"))
                .forEach(p -> groups.add(group(json, p.substring(path.length() + 2), p)));
        ArrayNode checks = group.putArray("checks");
        byGroup.getOrDefault(path, Map.of()).forEach((check, count) -> {
            ObjectNode node = checks.addObject();
            node.put("name", check);
            node.put("path", path + "::" + check);
            node.put("id", md5(path + "::" + check));
            node.put("passes", count.passes);
            node.put("fails", count.fails);
        });
        return group;
    }

    private static String md5(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return String.format("%032x", new BigInteger(1, digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
