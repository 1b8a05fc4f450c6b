package lab.c10k.devservers;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded servers are real ones, configured servers win, and nothing is left behind. */
class DevServersTest {

    private static final Map<String, String> NOTHING_SET = Map.of();

    @Test
    void embeddedServersAreARealMariaDbAndARealRedisThatLeaveNothingBehind() throws Exception {
        List<String> said = new ArrayList<>();
        Path dataDir;
        int mysqlPort;
        int redisPort;
        try (DevServers servers = DevServers.resolve("", NOTHING_SET::get, said::add, true)) {
            assertThat(servers.mysql().embedded()).isTrue();
            assertThat(servers.redis().embedded()).isTrue();
            mysqlPort = servers.mysql().port();
            redisPort = servers.redis().port();
            dataDir = servers.mariaDbDir();

            try (Connection sql = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + mysqlPort
                    + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true", "root", "");
                 Statement statement = sql.createStatement()) {
                statement.execute("CREATE DATABASE dev_servers_test CHARACTER SET utf8mb4");
                statement.execute("CREATE TABLE dev_servers_test.t (id BIGINT PRIMARY KEY) ENGINE=InnoDB");
                statement.execute("INSERT INTO dev_servers_test.t VALUES (1)");
                try (ResultSet row = statement.executeQuery("SELECT VERSION(), COUNT(*) FROM dev_servers_test.t")) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString(1)).contains("MariaDB");
                    assertThat(row.getInt(2)).isEqualTo(1);
                }
            }
            RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
            try (StatefulRedisConnection<String, String> redis = client.connect()) {
                Long counted = redis.sync().eval("return redis.call('INCR', KEYS[1])", ScriptOutputType.INTEGER,
                        "dev-servers-test");
                assertThat(counted).isEqualTo(1L);
            } finally {
                client.shutdown();
            }
            assertThat(said).hasSize(2).allMatch(line -> line.contains("embedded"));
            assertThat(Files.isDirectory(dataDir)).isTrue();
        }
        assertThat(answers(mysqlPort)).as("MariaDB stopped").isFalse();
        assertThat(answers(redisPort)).as("Redis stopped").isFalse();
        assertThat(dataDir).as("the embedded MariaDB's folder is removed").doesNotExist();
    }

    @Test
    void aConfiguredServerThatAnswersIsUsedAndNothingIsEmbedded() {
        try (DevServers embedded = DevServers.resolve("", NOTHING_SET::get, line -> { }, true)) {
            Map<String, String> configured = Map.of(
                    "T_MYSQL_HOST", "127.0.0.1", "T_MYSQL_PORT", String.valueOf(embedded.mysql().port()),
                    "T_REDIS_HOST", "127.0.0.1", "T_REDIS_PORT", String.valueOf(embedded.redis().port()));
            List<String> said = new ArrayList<>();
            try (DevServers servers = DevServers.resolve("T_", configured::get, said::add)) {
                assertThat(servers.mysql()).isEqualTo(
                        new DevServers.Mysql("127.0.0.1", embedded.mysql().port(), "root", "", false));
                assertThat(servers.redis()).isEqualTo(
                        new DevServers.Redis("127.0.0.1", embedded.redis().port(), false));
                assertThat(said).isEmpty();
            }
        }
    }

    @Test
    void aConfiguredServerThatDoesNotAnswerIsAnErrorNeverASilentSwitch() throws IOException {
        int nothingThere = EmbeddedRedis.freePort();
        Map<String, String> configured = Map.of("T_MYSQL_PORT", String.valueOf(nothingThere));
        assertThatThrownBy(() -> DevServers.resolve("T_", configured::get, line -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MySQL was configured at 127.0.0.1:" + nothingThere)
                .hasMessageContaining("T_MYSQL_HOST/T_MYSQL_PORT");
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
