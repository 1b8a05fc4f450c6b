package lab.c10k.conformance.support;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The data of one test run: its own database and its own Redis key prefix, so that runs sharing one MySQL and one
 * Redis (CI, a developer's machine, three services at once) never see each other, and nothing is left behind.
 */
public record RunNamespace(TestServers.Both servers, String database, String redisKeyPrefix) implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static RunNamespace create(TestServers.Both servers) {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        String hex = HexFormat.of().formatHex(bytes);
        RunNamespace namespace = new RunNamespace(servers, "c10k_test_" + hex, "c10k-test-" + hex + ":");
        namespace.sql("CREATE DATABASE " + namespace.database + " CHARACTER SET utf8mb4");
        return namespace;
    }

    public String jdbcUrl() {
        return servers.mysql().jdbcUrl(database);
    }

    public String r2dbcUrl() {
        return servers.mysql().r2dbcUrl(database);
    }

    @Override
    public void close() {
        try {
            sql("DROP DATABASE IF EXISTS " + database);
        } finally {
            deleteRedisKeys();
        }
    }

    private void sql(String statement) {
        TestServers.Mysql mysql = servers.mysql();
        try (Connection connection = DriverManager.getConnection(mysql.jdbcUrl(""), mysql.user(), mysql.password());
             Statement jdbc = connection.createStatement()) {
            jdbc.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + statement + "' on " + mysql, e);
        }
    }

    private void deleteRedisKeys() {
        deleteRedisKeys(redisKeyPrefix + "*");
    }

    /** Deletes this run's Redis keys that match a glob pattern (which must start with the run's prefix). */
    void deleteRedisKeys(String pattern) {
        if (!pattern.startsWith(redisKeyPrefix)) {
            throw new IllegalArgumentException(pattern + " reaches beyond this run's keys");
        }
        RedisClient client = RedisClient.create(servers.redis().uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            ScanArgs match = ScanArgs.Builder.matches(pattern).limit(500);
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, match);
                if (!page.getKeys().isEmpty()) {
                    redis.unlink(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
    }
}
