package lab.c10k.conformance.support;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One started service and the data it owns; closing stops the service first, then removes its data. */
record RunningService(ConfigurableApplicationContext context, URI baseUri, RunNamespace namespace)
        implements AutoCloseable {

    static RunningService start(Class<?> application) {
        RunNamespace namespace = RunNamespace.create(TestServers.get());
        try {
            // Command-line arguments, because they outrank the service's own application.yaml.
            ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                    .run(arguments(properties(namespace)));
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            return new RunningService(context, URI.create("http://127.0.0.1:" + port), namespace);
        } catch (RuntimeException | Error e) {
            namespace.close();
            throw e;
        }
    }

    private static Map<String, String> properties(RunNamespace namespace) {
        TestServers.Mysql mysql = namespace.servers().mysql();
        TestServers.Redis redis = namespace.servers().redis();
        return Map.ofEntries(
                Map.entry("server.port", "0"),
                Map.entry("spring.datasource.url", namespace.jdbcUrl()),
                Map.entry("spring.datasource.username", mysql.user()),
                Map.entry("spring.datasource.password", mysql.password()),
                Map.entry("spring.flyway.url", namespace.jdbcUrl()),
                Map.entry("spring.flyway.user", mysql.user()),
                Map.entry("spring.flyway.password", mysql.password()),
                Map.entry("spring.r2dbc.url", namespace.r2dbcUrl()),
                Map.entry("spring.r2dbc.username", mysql.user()),
                Map.entry("spring.r2dbc.password", mysql.password()),
                Map.entry("spring.data.redis.host", redis.host()),
                Map.entry("spring.data.redis.port", String.valueOf(redis.port())),
                Map.entry("c10k.redis.key-prefix", namespace.redisKeyPrefix()));
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
            namespace.close();
        }
    }
}
