package lab.c10k.conformance.support;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.mysql.MySQLContainer;

/**
 * The MySQL-protocol server and the Redis the service under test talks to: containers when a Docker engine
 * answers, otherwise the servers at the configured addresses (CI runs MariaDB and Redis on 127.0.0.1).
 * Never an in-memory stand-in, and never a reason to skip a test.
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
    }

    public record Redis(String host, int port) {

        public String uri() {
            return "redis://" + host + ":" + port;
        }

        public Redis via(FaultProxy proxy) {
            return new Redis(proxy.host(), proxy.port());
        }
    }

    public record Both(Mysql mysql, Redis redis) {
    }

    private static Both servers;

    private TestServers() {
    }

    /** Starts the containers (or resolves the configured addresses) once per JVM. */
    public static synchronized Both get() {
        if (servers == null) {
            servers = DockerClientFactory.instance().isDockerAvailable() ? startContainers() : configured();
        }
        return servers;
    }

    private static Both configured() {
        return new Both(
                new Mysql(Settings.get("C10K_TEST_MYSQL_HOST", "127.0.0.1"),
                        Integer.parseInt(Settings.get("C10K_TEST_MYSQL_PORT", "3306")),
                        Settings.get("C10K_TEST_MYSQL_USER", "root"),
                        Settings.get("C10K_TEST_MYSQL_PASSWORD", "")),
                new Redis(Settings.get("C10K_TEST_REDIS_HOST", "127.0.0.1"),
                        Integer.parseInt(Settings.get("C10K_TEST_REDIS_PORT", "6379"))));
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
