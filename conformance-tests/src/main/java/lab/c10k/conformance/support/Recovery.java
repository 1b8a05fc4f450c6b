package lab.c10k.conformance.support;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ends every fault after each test ({@link FaultTest} registers it) and waits until the service serves again by
 * itself, so that no other test ever meets an outage it did not make.
 */
public final class Recovery implements AfterEachCallback {

    /** Currently borrowed database connections: HikariCP's gauge (MVC services), r2dbc-pool's (the reactive one). */
    public static final String[] CONNECTIONS_IN_USE =
            {"hikaricp_connections_active", "r2dbc_pool_acquired_connections"};

    private static volatile long probeTrainId;

    @Override
    public void afterEach(ExtensionContext context) {
        restore();
    }

    /** Every link of the service under test passes again, and the service serves again. */
    public static void restore() {
        ServiceUnderTest.mysqlLink().pass();
        ServiceUnderTest.redisLink().pass();
        awaitHealthy();
    }

    /**
     * Waits until the service reports itself healthy (its health endpoint covers MySQL and Redis) and a long poll can
     * wait again (the pub/sub subscription is back): no restart, within {@link Bounds#RECOVERY}.
     */
    public static void awaitHealthy() {
        Awaitility.await("the service serves again from MySQL and Redis")
                .atMost(Bounds.RECOVERY)
                .pollInterval(Duration.ofMillis(100))
                .ignoreException(UncheckedIOException.class)
                .until(() -> Api.get("/actuator/health").status() == 200
                        && Api.get(LongPolls.updatesPath(probeTrainId(), 0)).status() == 204);
    }

    /** Waits until nothing a fault touched is still held: no database connection in use, no long poll waiting. */
    public static void awaitNothingHeld() {
        awaitNothingHeld(ServiceUnderTest.baseUri());
    }

    /** The same, on another instance of the service. */
    public static void awaitNothingHeld(URI baseUri) {
        Awaitility.await("no connection in use and no long poll waiting once the fault is over")
                .atMost(Bounds.RECOVERY)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    String metrics = Prometheus.scrape(baseUri);
                    for (String gauge : CONNECTIONS_IN_USE) {
                        assertThat(Prometheus.sum(metrics, gauge)).as(gauge).isZero();
                    }
                    assertThat(Prometheus.sum(metrics, LongPolls.WAITING_GAUGE)).as(LongPolls.WAITING_GAUGE).isZero();
                });
    }

    /**
     * After a fault and the retries by requestId: every sale a client was told about is one confirmed ticket, none
     * twice, and the train's audit and stock agree with them.
     */
    public static void assertAccountedFor(long trainId, int seats, List<Attempt> settled) {
        long bought = settled.stream().filter(Attempt::bought).count();
        assertThat(settled.stream().filter(Attempt::bought).map(a -> a.reply().json().path("id")))
                .as("tickets of train %d", trainId).doesNotHaveDuplicates();
        JsonNode audit = awaitConsistent(trainId);
        assertThat(audit.path("sold").asLong()).as("seats sold on train %d, audit %s", trainId, audit)
                .isEqualTo(bought);
        assertThat(Rows.tickets(trainId, "CONFIRMED")).as("tickets of train %d", trainId).isEqualTo(bought);
        assertThat(audit.path("stock").asLong()).as("stock of train %d", trainId).isEqualTo(seats - bought);
    }

    /**
     * Waits until the train's audit is consistent, which it must be once nothing is in flight (changes that Redis
     * refused are resent, a drifted stock is re-derived from MySQL); returns that audit.
     */
    public static JsonNode awaitConsistent(long trainId) {
        return Awaitility.await("train " + trainId + " consistent once nothing is in flight")
                .atMost(Bounds.RECOVERY)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Fixtures.audit(trainId), audit -> audit.path("consistent").asBoolean());
    }

    private static long probeTrainId() {
        if (probeTrainId == 0) {
            probeTrainId = Fixtures.createTrainId(1);
        }
        return probeTrainId;
    }
}
