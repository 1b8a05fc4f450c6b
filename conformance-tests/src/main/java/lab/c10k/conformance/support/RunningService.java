package lab.c10k.conformance.support;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One started instance of a service, on a run's data and behind its own {@link ServiceLinks}. Closing it stops the
 * application (what SIGTERM's shutdown hook does) and then its proxies; the data belongs to the run, not to it.
 */
public record RunningService(ConfigurableApplicationContext context, URI baseUri, ServiceLinks links)
        implements AutoCloseable {

    /**
     * Starts an instance; {@code overrides} are extra properties that outrank the run's own, and {@code beforeStart}
     * may put a fault on its links before the application first uses them.
     */
    static RunningService start(Class<?> application, RunNamespace namespace, Map<String, String> overrides,
                                Consumer<ServiceLinks> beforeStart) {
        ServiceLinks links = ServiceLinks.open(namespace.servers());
        try {
            beforeStart.accept(links);
            Map<String, String> properties = new HashMap<>(properties(namespace, links));
            properties.putAll(overrides);
            // Command-line arguments, because they outrank the service's own application.yaml.
            ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                    .run(arguments(properties));
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            return new RunningService(context, URI.create("http://127.0.0.1:" + port), links);
        } catch (RuntimeException | Error e) {
            links.close();
            throw e;
        }
    }

    private static Map<String, String> properties(RunNamespace namespace, ServiceLinks links) {
        Map<String, String> properties = new HashMap<>(dataProperties(namespace.servers().mysql().via(links.mysql()),
                namespace.servers().redis().via(links.redis()), namespace.database(), namespace.redisKeyPrefix()));
        properties.put("server.port", "0");
        return properties;
    }

    /** What points an instance at a run's data: its database on this MySQL, its key prefix on this Redis. */
    static Map<String, String> dataProperties(TestServers.Mysql mysql, TestServers.Redis redis, String database,
                                              String redisKeyPrefix) {
        String jdbcUrl = mysql.jdbcUrl(database);
        return Map.ofEntries(
                Map.entry("spring.datasource.url", jdbcUrl),
                Map.entry("spring.datasource.username", mysql.user()),
                Map.entry("spring.datasource.password", mysql.password()),
                Map.entry("spring.flyway.url", jdbcUrl),
                Map.entry("spring.flyway.user", mysql.user()),
                Map.entry("spring.flyway.password", mysql.password()),
                Map.entry("spring.r2dbc.url", mysql.r2dbcUrl(database)),
                Map.entry("spring.r2dbc.username", mysql.user()),
                Map.entry("spring.r2dbc.password", mysql.password()),
                Map.entry("spring.data.redis.host", redis.host()),
                Map.entry("spring.data.redis.port", String.valueOf(redis.port())),
                Map.entry("c10k.redis.key-prefix", redisKeyPrefix));
    }

    private static String[] arguments(Map<String, String> properties) {
        List<String> arguments = new ArrayList<>();
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return arguments.toArray(String[]::new);
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            links.close();
        }
    }
}
