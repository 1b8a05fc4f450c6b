package lab.c10k.conformance.support;

import lab.c10k.devservers.DevServers;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.mysql.MySQLContainer;

/**
 * The MySQL-protocol server and the Redis the service under test talks to, for each: the one configured
 * ({@code C10K_TEST_MYSQL_HOST}/{@code _PORT}, {@code C10K_TEST_REDIS_HOST}/{@code _PORT}), which must answer;
 * else containers when a Docker engine answers; else the server at the default address (CI runs MariaDB and Redis
 * on 127.0.0.1); else a real embedded one on a free port ({@link DevServers}). {@code C10K_TEST_SERVERS=embedded}
 * asks for embedded servers whatever else answers, which is how CI tests that path. Never an in-memory stand-in,
 * and never a reason to skip a test.
 */
public final class TestServers {

    /** Coordinates of a MySQL-protocol server, as a root-like user that may create and drop databases. */
    public record Mysql(String host, int port, String user, String password) {

        /**
         * Connector/J URL. The default options keep MySQL 8 and MariaDB happy without TLS; a service that tunes its
         * own (timeouts) can pass them through {@code C10K_TEST_JDBC_OPTIONS}, since this URL replaces its own.
         */
        public String jdbcUrl(String database) {
            return "jdbc:mysql://" + host + ":" + port + "/" + database + "?"
                    + Settings.get("C10K_TEST_JDBC_OPTIONS", "sslMode=DISABLED&allowPublicKeyRetrieval=true");
        }

        public String r2dbcUrl(String database) {
            return "r2dbc:mysql://" + host + ":" + port + "/" + database;
        }

        /** The same server and user, reached through a proxy. */
        public Mysql via(FaultProxy proxy) {
            return new Mysql(proxy.host(), proxy.port(), user, password);
        }

        /** The same server and user, reached across a network namespace. */
        public Mysql via(NetworkRoute route) {
            return new Mysql(route.host(), route.port(), user, password);
        }
    }

    public record Redis(String host, int port) {

        public String uri() {
            return "redis://" + host + ":" + port;
        }

        public Redis via(FaultProxy proxy) {
            return new Redis(proxy.host(), proxy.port());
        }

        public Redis via(NetworkRoute route) {
            return new Redis(route.host(), route.port());
        }
    }

    public record Both(Mysql mysql, Redis redis) {
    }

    private static final String PREFIX = "C10K_TEST_";

    private static Both servers;

    private TestServers() {
    }

    /** Resolves the servers once per JVM, in the order above, starting containers or embedded servers if needed. */
    public static synchronized Both get() {
        if (servers == null) {
            boolean embedOnly = "embedded".equals(Settings.get(PREFIX + "SERVERS", ""));
            servers = !embedOnly && !configured() && DockerClientFactory.instance().isDockerAvailable()
                    ? startContainers() : local(embedOnly);
        }
        return servers;
    }

    private static boolean configured() {
        for (String key : new String[]{"MYSQL_HOST", "MYSQL_PORT", "REDIS_HOST", "REDIS_PORT"}) {
            if (!Settings.get(PREFIX + key, "").isBlank()) {
                return true;
            }
        }
        return false;
    }

    // Embedded servers stop at the JVM's exit (DevServers' shutdown hook), after the services that used them.
    @SuppressWarnings("resource")
    private static Both local(boolean embedOnly) {
        DevServers local = DevServers.resolve(PREFIX, key -> Settings.get(key, null),
                line -> System.out.println("[c10k tests] " + line), embedOnly);
        DevServers.Mysql mysql = local.mysql();
        return new Both(new Mysql(mysql.host(), mysql.port(), mysql.user(), mysql.password()),
                new Redis(local.redis().host(), local.redis().port()));
    }

    // The same images as docker-compose.yml. Left running on purpose: Testcontainers' reaper removes them at exit.
    @SuppressWarnings("resource")
    private static Both startContainers() {
        MySQLContainer mysql = new MySQLContainer("mysql:8.4.6").withUsername("root").withPassword("test");
        GenericContainer<?> redis = new GenericContainer<>("redis:7.4.6").withExposedPorts(6379);
        mysql.start();
        redis.start();
        return new Both(
                new Mysql(mysql.getHost(), mysql.getMappedPort(MySQLContainer.MYSQL_PORT), "root", "test"),
                new Redis(redis.getHost(), redis.getMappedPort(6379)));
    }
}
