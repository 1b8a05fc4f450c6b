package lab.c10k.conformance.support;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Walks every endpoint once, one request at a time, before any test runs. The JVM loads and
 * initialises classes on first use; when many virtual threads do that at once for the same class,
 * the loading briefly pins their carriers. Those one-time pins belong to start-up, not to the
 * request path whose pinning the virtual-thread service's build checks.
 */
final class WarmUp {

    private static final AtomicBoolean DONE = new AtomicBoolean();

    private WarmUp() {
    }

    static void once() {
        if (!DONE.compareAndSet(false, true)) {
            return;
        }
        Api.get("/api/ping").expectStatus(200);
        long trainId = Fixtures.createTrainId(1);
        Fixtures.train(trainId);
        Fixtures.train(trainId);
        Api.get(Fixtures.TRAINS + "?limit=1").expectStatus(200);
        String requestId = Fixtures.newRequestId();
        long ticketId = Fixtures.buy(trainId, "Warm Up", requestId).expectJson(201).path("id").asLong();
        Fixtures.buy(trainId, "Warm Up", requestId).expectStatus(200);
        Fixtures.buy(trainId, "Warm Up", Fixtures.newRequestId()).expectStatus(409);
        Api.get(Fixtures.ticketPath(ticketId)).expectStatus(200);
        Api.get(LongPolls.updatesPath(trainId, 0)).expectStatus(204);
        Fixtures.audit(trainId);
        Api.delete(Fixtures.ticketPath(ticketId)).expectStatus(204);
        Api.get(Fixtures.TRAINS + "/0").expectStatus(400);
        Prometheus.scrape();
        failurePaths(trainId);
    }

    /**
     * The first outage makes the MySQL driver, the pool and Lettuce load their exception classes. Done here, one
     * request at a time, fault tests (whose concurrent requests all fail at once) never load them on many virtual
     * threads together. Each link is cut for a failed purchase, then, after a pause longer than the pool's idle check
     * (HikariCP checks a connection idle for over 500 ms before lending it), for an audit: every pooled connection is
     * found dead by then, so that one fails at getting a connection, the other path. A service on a Redis Cluster
     * reaches its nodes straight, not through the Redis link (the nodes name their own addresses), so only MySQL's
     * link is cut for it.
     */
    private static void failurePaths(long trainId) {
        List<FaultProxy> links = ServiceUnderTest.redisCluster().isPresent()
                ? List.of(ServiceUnderTest.mysqlLink())
                : List.of(ServiceUnderTest.mysqlLink(), ServiceUnderTest.redisLink());
        for (FaultProxy link : links) {
            link.cut();
            try {
                Problems.assertUnavailable(Fixtures.buy(trainId, "Warm Up", Fixtures.newRequestId()));
                Thread.sleep(600);
                Api.get(Fixtures.trainPath(trainId) + "/audit");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                link.pass();
            }
            Recovery.awaitHealthy();
        }
    }

}
