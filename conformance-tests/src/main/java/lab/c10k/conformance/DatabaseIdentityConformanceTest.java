package lab.c10k.conformance;

import lab.c10k.conformance.support.Api;
import lab.c10k.conformance.support.ConformanceTest;
import lab.c10k.conformance.support.Reply;
import lab.c10k.conformance.support.RunNamespace;
import lab.c10k.conformance.support.RunningService;
import lab.c10k.conformance.support.ServiceUnderTest;
import lab.c10k.conformance.support.TestServers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.Map;

import static lab.c10k.conformance.support.Fixtures.jsonPost;
import static lab.c10k.conformance.support.Fixtures.newRequestId;
import static lab.c10k.conformance.support.Fixtures.purchaseBody;
import static lab.c10k.conformance.support.Fixtures.ticketsPath;
import static lab.c10k.conformance.support.Fixtures.trainBody;
import static lab.c10k.conformance.support.Fixtures.trainPath;
import static lab.c10k.conformance.support.Fixtures.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One Redis and two databases, as when MySQL is recreated or restored while Redis keeps running: the service on the
 * new database, with the same Redis and key prefix, must never read what Redis holds for the old one. Both databases
 * start empty, so each has a train 1: the old one sold out and cached, the new one with every seat free.
 */
@ConformanceTest
class DatabaseIdentityConformanceTest {

    @Test
    void aNewDatabaseNeverReadsTheRedisStateOfAnOldOneWithTheSameTrainIds() {
        try (RunNamespace old = RunNamespace.create(TestServers.get());
             RunNamespace fresh = RunNamespace.create(TestServers.get())) {
            long oldTrain;
            try (RunningService before = ServiceUnderTest.startOn(old, Map.of())) {
                URI base = before.baseUri();
                oldTrain = createTrain(base, 1);
                buy(base, oldTrain).expectStatus(201);
                assertThat(get(base, trainPath(oldTrain)).expectJson(200).path("remaining").asInt()).isZero();
            }
            // The same Redis key prefix as the old database's, as a redeployed service keeps its configuration.
            try (RunningService after = ServiceUnderTest.startOn(fresh,
                    Map.of("c10k.redis.key-prefix", old.redisKeyPrefix()))) {
                URI base = after.baseUri();
                long newTrain = createTrain(base, 100);
                assertThat(newTrain).as("both databases number their trains from 1").isEqualTo(oldTrain);

                JsonNode train = get(base, trainPath(newTrain)).expectJson(200);
                assertThat(train.path("capacity").asInt()).as("the new database's train, not the cached old one")
                        .isEqualTo(100);
                assertThat(train.path("remaining").asInt()).isEqualTo(100);
                buy(base, newTrain).expectStatus(201);
                JsonNode audit = get(base, trainPath(newTrain) + "/audit").expectJson(200);
                assertThat(audit.path("consistent").asBoolean()).as("audit " + audit).isTrue();
                assertThat(audit.path("stock").asInt()).isEqualTo(99);
            }
        }
    }

    private static long createTrain(URI base, int capacity) {
        return Api.send(jsonPost(base, "/api/trains", trainBody(uniqueCode(), capacity))).expectJson(201)
                .path("id").asLong();
    }

    private static Reply buy(URI base, long trainId) {
        return Api.send(jsonPost(base, ticketsPath(trainId), purchaseBody("Lao Wang", newRequestId())));
    }

    private static Reply get(URI base, String path) {
        return Api.send(Api.request(base, path).GET());
    }
}
