package lab.c10k.lab;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The properties a service sets itself: its application.yaml and the common defaults it imports, flattened the way
 * Spring Boot sees them ({@code spring.datasource.url}).
 */
record ServiceConfig(String module, Map<String, String> properties) {

    private static final Pattern SERVER_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z]+)_(HOST|PORT):([^}]*)}");

    static ServiceConfig of(String module) {
        Map<String, String> properties = new LinkedHashMap<>(
                Yaml11.properties(Yaml11.load(RepositoryFiles.read("common/src/main/resources/c10k-defaults.yaml"))));
        // The service's own file wins, as it does for Boot (it imports the defaults).
        properties.putAll(Yaml11.properties(
                Yaml11.load(RepositoryFiles.read(module + "/src/main/resources/application.yaml"))));
        return new ServiceConfig(module, properties);
    }

    /**
     * The environment variable that Spring Boot's relaxed binding maps to this property: dots become underscores,
     * dashes go, all upper case: {@code spring.data.redis.connect-timeout} is
     * {@code SPRING_DATA_REDIS_CONNECTTIMEOUT}.
     */
    static String environmentName(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** The property an environment variable binds to, if the service sets it; null otherwise. */
    String propertyBoundBy(String variable) {
        return properties.keySet().stream()
                .filter(property -> environmentName(property).equals(variable))
                .findFirst().orElse(null);
    }

    /**
     * A property's value with its server placeholders resolved to Compose's service names: {@code ${MYSQL_HOST:...}}
     * becomes {@code mysql}, {@code ${MYSQL_PORT:3306}} its default, 3306.
     */
    String valueInCompose(String property) {
        Matcher placeholder = SERVER_PLACEHOLDER.matcher(properties.get(property));
        return placeholder.replaceAll(match -> Matcher.quoteReplacement(match.group(2).equals("HOST")
                ? match.group(1).toLowerCase(Locale.ROOT) : match.group(3)));
    }

    /** The database a JDBC or R2DBC URL names, e.g. {@code c10k_blocking}. */
    static String databaseOf(String url) {
        Matcher database = Pattern.compile("^[a-z0-9:]+//[^/]+/([^?]+)").matcher(url);
        if (!database.find()) {
            throw new IllegalArgumentException("No database in " + url);
        }
        return database.group(1);
    }
}
