package lab.c10k.conformance.support;

import java.time.Duration;

/**
 * The bounds every service puts on its calls to MySQL and Redis (each service's application.yaml says how, and
 * docs/reliability.md why). A fault must become a 503 within about twice its bound: the suite makes that a client-side
 * timeout on the request, never a measured duration.
 */
public final class Bounds {

    /** Every MySQL statement, COMMIT included, and the wait for a pooled connection within it. */
    public static final Duration MYSQL = Duration.ofSeconds(5);

    /** Every Redis command. */
    public static final Duration REDIS = Duration.ofSeconds(2);

    /** How long a service may take to serve again by itself, without a restart, once a fault has ended. */
    public static final Duration RECOVERY = Duration.ofSeconds(20);

    /**
     * How long a purchase in flight keeps its requestId (and the seat it took in Redis) when the process serving it
     * died (SIGKILL, a lost machine): the services' in-flight lease. Retries of that requestId answer 503 until it
     * runs out, then decide; a process that lives ends every purchase far sooner.
     */
    public static final Duration IN_FLIGHT_LEASE = Duration.ofSeconds(30);

    private Bounds() {
    }

    public static Duration twice(Duration bound) {
        return bound.multipliedBy(2);
    }
}
