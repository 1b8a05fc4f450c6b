package lab.c10k.common.api;

import java.time.Instant;

/**
 * A row of the {@code train} table. {@code sold} is MySQL's counter, the source of truth from which
 * the Redis stock is derived ({@link #derivedStock()}).
 */
public record StoredTrain(long id, String code, String origin, String destination, Instant departsAt,
		int capacity, int sold) {

	public long derivedStock() {
		return (long) capacity - sold;
	}

	/** The immutable part of a train, as kept in the Redis cache: {@code sold} changes, so it is not cached. */
	public CachedTrain cacheable() {
		return new CachedTrain(id, code, origin, destination, departsAt, capacity);
	}

}
