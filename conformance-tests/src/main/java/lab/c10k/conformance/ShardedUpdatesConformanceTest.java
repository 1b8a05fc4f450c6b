package lab.c10k.conformance;

import io.lettuce.core.ClientListArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.Bounds;
import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.LocalRedisCluster;
import lab.c10k.conformance.support.Reply;
import lab.c10k.conformance.support.ServiceUnderTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import static lab.c10k.conformance.support.Fixtures.buyTicket;
import static lab.c10k.conformance.support.Fixtures.createTrainId;
import static lab.c10k.conformance.support.LongPolls.startWaiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Long polls on a Redis Cluster are woken by sharded pub/sub, as the servers themselves show: while polls wait on
 * trains whose slots live on different masters, the master owning each train's slot lists the train's shard channel
 * ({@code PUBSUB SHARDCHANNELS}), no node has a pattern subscription ({@code PUBSUB NUMPAT}), a sale wakes the polls of
 * each train, and once the last poll of a train is answered its channel is gone. On one Redis the classic path stays:
 * no shard channel of the service is subscribed, and the same polls are woken.
 */
@ConformanceTest
class ShardedUpdatesConformanceTest {

    private static final long LONG_WAIT = 30_000;

    /** Longer than the deafness bounds of every model: twice a Redis command's bound, and a heartbeat more. */
    private static final Duration PAST_DEAFNESS = Bounds.twice(Bounds.REDIS).plusSeconds(1);

    @Test
    void pollsOnTrainsOfDifferentMastersAreWokenThroughTheirOwnShardChannels() throws InterruptedException {
        Optional<LocalRedisCluster> cluster = ServiceUnderTest.redisCluster();
        List<Long> trains = cluster.isPresent() ? trainsOnTwoMasters(cluster.get()) : List.of(createTrainId(3),
                createTrainId(3));
        List<CompletableFuture<Reply>> polls = trains.stream().map(train -> startWaiting(train, LONG_WAIT)).toList();

        if (cluster.isPresent()) {
            Nodes nodes = new Nodes(cluster.get());
            try (nodes) {
                for (long train : trains) {
                    assertThat(nodes.shardChannels(channelPattern(train)))
                        .as("nodes listing train %d's shard channel", train)
                        .containsOnlyKeys(nodes.portServing(train));
                }
                assertThat(nodes.each(commands -> commands.pubsubNumpat()).values())
                    .as("pattern subscriptions per node").containsOnly(0L);

                wakeEach(trains, polls);

                for (long train : trains) {
                    awaitGone(nodes, train);
                }
            }
        } else {
            assertThat(standaloneShardChannels()).as("the service's shard channels on one Redis").isEmpty();
            wakeEach(trains, polls);
        }
    }

    @Test
    void aPollHeldPastTheDeafnessBoundIsStillWoken() throws InterruptedException {
        Optional<LocalRedisCluster> cluster = ServiceUnderTest.redisCluster();
        long train = createTrainId(3);
        CompletableFuture<Reply> poll = startWaiting(train, LONG_WAIT);

        if (cluster.isPresent()) {
            try (Nodes nodes = new Nodes(cluster.get())) {
                Map<Integer, String> before = nodes.each(ShardedUpdatesConformanceTest::pubsubClientIds);
                assertThat(before.values()).as("pub/sub connections per node").allMatch(ids -> !ids.isEmpty());
                // Only the heartbeats are heard meanwhile: a subscription that did not hear them would be closed.
                Thread.sleep(PAST_DEAFNESS.toMillis());
                assertThat(nodes.each(ShardedUpdatesConformanceTest::pubsubClientIds))
                    .as("the same pub/sub connections").isEqualTo(before);
            }
        } else {
            Thread.sleep(PAST_DEAFNESS.toMillis());
        }
        assertThat(poll).as("poll answered before the sale").isNotDone();

        buyTicket(train);

        assertThat(Api.await(poll).expectJson(200).path("remaining").asInt()).isEqualTo(2);
    }

    private static void wakeEach(List<Long> trains, List<CompletableFuture<Reply>> polls) {
        for (int i = 0; i < trains.size(); i++) {
            buyTicket(trains.get(i));
            Reply reply = Api.await(polls.get(i));
            assertThat(reply.expectJson(200).path("trainId").asLong()).isEqualTo(trains.get(i));
            assertThat(reply.expectJson(200).path("remaining").asInt()).isEqualTo(2);
        }
    }

    /** Two new trains whose slots two different masters serve. */
    private static List<Long> trainsOnTwoMasters(LocalRedisCluster cluster) {
        try (Nodes nodes = new Nodes(cluster)) {
            long first = createTrainId(3);
            for (int attempt = 0; attempt < 50; attempt++) {
                long other = createTrainId(3);
                if (nodes.portServing(other) != nodes.portServing(first)) {
                    return List.of(first, other);
                }
            }
        }
        return fail("50 trains in a row on one master of three");
    }

    /** The train's shard channel, whatever the service's key prefix and database id: braces are literal in a glob. */
    private static String channelPattern(long train) {
        return ServiceUnderTest.redisKeyPrefix() + "*updates:{" + train + "}";
    }

    private static void awaitGone(Nodes nodes, long train) throws InterruptedException {
        Instant deadline = Instant.now().plus(Bounds.RECOVERY);
        Map<Integer, List<String>> listed = nodes.shardChannels(channelPattern(train));
        while (!listed.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            listed = nodes.shardChannels(channelPattern(train));
        }
        assertThat(listed).as("train %d's shard channel after its last poll was answered", train).isEmpty();
    }

    private static List<String> standaloneShardChannels() {
        RedisClient client = RedisClient.create(ServiceUnderTest.servers().redis().uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().pubsubShardChannels(ServiceUnderTest.redisKeyPrefix() + "*");
        } finally {
            client.shutdown();
        }
    }

    /** The ids of a node's pub/sub connections. */
    private static String pubsubClientIds(RedisCommands<String, String> node) {
        return Arrays.stream(node.clientList(ClientListArgs.Builder.typePubsub()).split("\n"))
            .filter(line -> line.startsWith("id="))
            .map(line -> line.substring(0, line.indexOf(' ')))
            .sorted()
            .collect(Collectors.joining(","));
    }

    /** A plain connection to each node of the cluster, by port. */
    private static final class Nodes implements AutoCloseable {

        private final List<RedisClient> clients = new ArrayList<>();
        private final Map<Integer, RedisCommands<String, String>> byPort = new HashMap<>();

        Nodes(LocalRedisCluster cluster) {
            for (int port : cluster.ports()) {
                RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
                clients.add(client);
                byPort.put(port, client.connect().sync());
            }
        }

        <T> Map<Integer, T> each(Function<RedisCommands<String, String>, T> query) {
            Map<Integer, T> answers = new HashMap<>();
            byPort.forEach((port, commands) -> answers.put(port, query.apply(commands)));
            return answers;
        }

        /** The nodes listing a shard channel matching {@code pattern}, with what they list. */
        Map<Integer, List<String>> shardChannels(String pattern) {
            Map<Integer, List<String>> listed = new HashMap<>(each(commands -> commands.pubsubShardChannels(pattern)));
            listed.values().removeIf(List::isEmpty);
            return listed;
        }

        /** The port of the master serving the slot of the train's keys and shard channel (its {id} tag). */
        int portServing(long train) {
            int slot = SlotHash.getSlot("{" + train + "}");
            RedisCommands<String, String> any = byPort.values().iterator().next();
            for (String line : any.clusterNodes().split("\n")) {
                String[] fields = line.split(" ");
                if (!fields[2].contains("master")) {
                    continue;
                }
                for (int i = 8; i < fields.length; i++) {
                    String[] range = fields[i].split("-");
                    int from = Integer.parseInt(range[0]);
                    int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                    if (slot >= from && slot <= to) {
                        String address = fields[1].substring(0, fields[1].indexOf('@'));
                        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
                    }
                }
            }
            return fail("no master serves slot " + slot);
        }

        @Override
        public void close() {
            clients.forEach(RedisClient::shutdown);
        }
    }
}
