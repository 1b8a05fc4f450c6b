package lab.c10k.conformance;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.LocalRedisCluster;
import lab.c10k.conformance.support.ServiceUnderTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static lab.c10k.conformance.support.Fixtures.buy;
import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.Fixtures.newRequestId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service keeps a train's stock in the Redis the run configured: the standalone one, or, in the services'
 * {@code redis-cluster} runs, the {@link LocalRedisCluster} (and then nothing in the standalone one). Without it a
 * cluster run whose properties were ignored would pass every other test on the standalone Redis.
 */
@ConformanceTest
class RedisClusterConformanceTest {

    @Test
    void aTrainsStockLivesInTheConfiguredRedis() {
        long trainId = createTrainId(2);
        buy(trainId, "Lao Wang", newRequestId()).expectJson(201);
        String stockKeys = ServiceUnderTest.redisKeyPrefix() + "*train:{" + trainId + "}:stock";

        List<String> standalone = keys(ServiceUnderTest.servers().redis().uri(), stockKeys);
        List<String> cluster = new ArrayList<>();
        ServiceUnderTest.redisCluster().ifPresent(nodes -> nodes.ports()
                .forEach(port -> cluster.addAll(keys("redis://127.0.0.1:" + port, stockKeys))));

        if (ServiceUnderTest.redisCluster().isPresent()) {
            assertThat(cluster).as("stock keys on the cluster's nodes").hasSize(1);
            assertThat(standalone).as("stock keys on the standalone Redis").isEmpty();
        } else {
            assertThat(standalone).as("stock keys on the standalone Redis").hasSize(1);
        }
    }

    private static List<String> keys(String uri, String pattern) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> found = new ArrayList<>();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = connection.sync().scan(cursor, ScanArgs.Builder.matches(pattern).limit(500));
                found.addAll(page.getKeys());
                cursor = page;
            } while (!cursor.isFinished());
            return found;
        } finally {
            client.shutdown();
        }
    }
}
