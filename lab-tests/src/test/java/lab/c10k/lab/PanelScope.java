package lab.c10k.lab;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which services a panel of three-models.json compares. A title ending in a parenthesised model shows a meter only
 * that model has, "(JDBC)" one of the two Hikari services; any other panel compares all three.
 */
final class PanelScope {

    private static final Map<String, Set<String>> SCOPES = Map.of(
            "(blocking)", Set.of("blocking-service"),
            "(virtual threads)", Set.of("virtual-thread-service"),
            "(reactive)", Set.of("reactive-service"),
            "(JDBC)", Set.of("blocking-service", "virtual-thread-service"));

    private PanelScope() {
    }

    static Set<String> servicesOf(String title) {
        return SCOPES.entrySet().stream()
                .filter(scope -> title.endsWith(" " + scope.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .map(TreeSet::new)
                .orElseGet(() -> new TreeSet<>(Repository.SERVICES));
    }
}
