package lab.c10k.common.redis;

/**
 * One purchase attempt's claim on a seat: its in-flight member (shared by every attempt of the request) and its
 * deadline, the moment this service stops waiting for Redis's answer. The gate takes no seat after the deadline, and
 * the lease it records ends a fixed time after it, so {@link #leaseEndMs()} tells this attempt from any other.
 */
public record SeatClaim(long trainId, String member, long deadlineMs) {

	public long leaseEndMs() {
		return deadlineMs + StockScripts.IN_FLIGHT_LEASE_MS;
	}

}
