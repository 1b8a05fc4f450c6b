package lab.c10k.conformance.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Starts the service under test once per test JVM, for every test class that uses it (the conformance suite and any
 * service-specific test in a service module: {@code @ExtendWith(ServiceUnderTest.class)}, or {@link ConformanceTest}).
 * <p>
 * The application class comes from the system property {@code c10k.service.class}, the expected concurrency model
 * ({@code blocking}, {@code reactive} or {@code virtual-threads}) from {@code c10k.service.model}. The service gets a
 * random port, a fresh database and a fresh Redis key prefix on the {@link TestServers}; JUnit closes it (and drops
 * that data) when the whole run ends, because it lives in the root store as an {@link AutoCloseable}. It reaches MySQL
 * and Redis through {@link FaultProxy FaultProxies} ({@link #mysqlLink()}, {@link #redisLink()}), which pass traffic
 * until a fault test says otherwise.
 */
public final class ServiceUnderTest implements BeforeAllCallback {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(ServiceUnderTest.class);

    /**
     * {@code c10k.test.redis=cluster}: the service under test talks to a {@link LocalRedisCluster} of its own, started
     * for the run, instead of the standalone Redis (its Redis link is then unused: only tests that fault no Redis
     * link run this way; the services' {@code redis-cluster} Surefire executions list them).
     */
    private static final String REDIS_CLUSTER = "cluster";

    private static volatile Run running;
    private static volatile RuntimeException startFailure;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (startFailure != null) {
            // One failed start is enough: every later class fails at once instead of retrying for minutes.
            throw new IllegalStateException("The service under test failed to start earlier", startFailure);
        }
        running = context.getRoot().getStore(STORE)
                .computeIfAbsent(Run.class, key -> start(), Run.class);
        WarmUp.once();
    }

    private static Run start() {
        RunNamespace namespace = RunNamespace.create(TestServers.get());
        LocalRedisCluster cluster = null;
        try {
            Map<String, String> properties = Map.of();
            if (REDIS_CLUSTER.equals(Settings.get("c10k.test.redis", ""))) {
                cluster = LocalRedisCluster.start();
                // Spring Boot's own cluster property; it outranks spring.data.redis.host/port.
                properties = Map.of("spring.data.redis.cluster.nodes", cluster.nodes());
            }
            return new Run(RunningService.start(applicationClass(), namespace, properties, links -> {
            }), namespace, cluster);
        } catch (RuntimeException e) {
            namespace.close();
            if (cluster != null) {
                cluster.close();
            }
            startFailure = e;
            throw e;
        }
    }

    /**
     * Starts a second instance of the service under test in this JVM, on the same database and Redis key prefix, behind
     * its own links (which {@code beforeStart} may fault first), with these extra properties. The caller closes it.
     */
    public static RunningService startAnother(Map<String, String> properties, Consumer<ServiceLinks> beforeStart) {
        return RunningService.start(applicationClass(), current().namespace(), properties, beforeStart);
    }

    /**
     * Starts an instance of the service under test on a run namespace of the caller's own (its database and key
     * prefix; {@code properties} may override either), behind its own links. The caller closes it, then the namespace.
     */
    public static RunningService startOn(RunNamespace namespace, Map<String, String> properties) {
        return RunningService.start(applicationClass(), namespace, properties, links -> {
        });
    }

    private static Class<?> applicationClass() {
        String name = Settings.required("c10k.service.class");
        try {
            return Class.forName(name, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("No application class " + name + " on the test classpath", e);
        }
    }

    /** Where the service listens, e.g. {@code http://127.0.0.1:41234}; no trailing slash. */
    public static URI baseUri() {
        return current().service().baseUri();
    }

    /** The value every response must carry in {@code X-Concurrency-Model} and {@code /api/ping} reports. */
    public static String expectedModel() {
        return Settings.required("c10k.service.model");
    }

    /** The running application, for service-specific tests (beans, thread pools, metrics). */
    public static ConfigurableApplicationContext context() {
        return current().service().context();
    }

    /** The service's link to MySQL: every JDBC, R2DBC and Flyway connection goes through it. */
    public static FaultProxy mysqlLink() {
        return current().service().links().mysql();
    }

    /** The service's link to Redis: commands and pub/sub alike. */
    public static FaultProxy redisLink() {
        return current().service().links().redis();
    }

    /** The MySQL and Redis servers the service uses (directly, not through its links), to verify state. */
    public static TestServers.Both servers() {
        return current().namespace().servers();
    }

    /** The Redis Cluster the service under test uses instead of the standalone Redis, when the run asked for one. */
    public static Optional<LocalRedisCluster> redisCluster() {
        return Optional.ofNullable(current().cluster());
    }

    /** This run's database name; {@link #jdbcUrl()} points at it. */
    public static String database() {
        return current().namespace().database();
    }

    /** This run's database, straight to MySQL: a test still reads it while the service's link is cut. */
    public static String jdbcUrl() {
        return current().namespace().jdbcUrl();
    }

    /** Every Redis key the service writes starts with this, e.g. {@code c10k-test-1a2b3c4d:}. */
    public static String redisKeyPrefix() {
        return current().namespace().redisKeyPrefix();
    }

    /**
     * Deletes every Redis key of one train (stock, version, cache, ...: the keys whose name holds its {@code {id}} hash
     * tag), as a Redis restarted empty or an eviction would, while the service's connections stay open.
     */
    public static void forgetTrainInRedis(long trainId) {
        current().namespace().deleteRedisKeys(redisKeyPrefix() + "*{" + trainId + "}*");
    }

    private static Run current() {
        Run service = running;
        if (service == null) {
            throw new IllegalStateException("No service under test: annotate the class with @ConformanceTest "
                    + "or @ExtendWith(ServiceUnderTest.class)");
        }
        return service;
    }

    /** The service and the data it owns: closing stops the service first, then removes its data and its cluster. */
    private record Run(RunningService service, RunNamespace namespace, LocalRedisCluster cluster)
            implements AutoCloseable {

        @Override
        public void close() {
            try {
                service.close();
            } finally {
                try {
                    namespace.close();
                } finally {
                    if (cluster != null) {
                        cluster.close();
                    }
                }
            }
        }
    }
}
