package lab.c10k.conformance.support;

/**
 * A service's links to MySQL and to Redis, each through its own {@link FaultProxy}. They pass traffic unless a test
 * injects a fault, and carry every connection of the service: JDBC, R2DBC and Flyway alike, commands and pub/sub.
 */
public record ServiceLinks(FaultProxy mysql, FaultProxy redis) implements AutoCloseable {

    static ServiceLinks open(TestServers.Both servers) {
        FaultProxy mysql = FaultProxy.start("mysql", servers.mysql().host(), servers.mysql().port());
        try {
            return new ServiceLinks(mysql,
                    FaultProxy.start("redis", servers.redis().host(), servers.redis().port()));
        } catch (RuntimeException e) {
            mysql.close();
            throw e;
        }
    }

    /** Both links pass traffic again. */
    public void passAll() {
        mysql.pass();
        redis.pass();
    }

    @Override
    public void close() {
        try {
            mysql.close();
        } finally {
            redis.close();
        }
    }
}
