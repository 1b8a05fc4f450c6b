package lab.c10k.common.api;

import java.time.Instant;

/** The fields of a train that never change once it is created, so they can be cached with a TTL. */
public record CachedTrain(long id, String code, String origin, String destination, Instant departsAt,
		int capacity) {

	public Train withRemaining(long remaining) {
		return new Train(id, code, origin, destination, departsAt, capacity, remaining);
	}

}
