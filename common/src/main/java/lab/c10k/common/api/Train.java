package lab.c10k.common.api;

import java.time.Instant;

/** A train as the API shows it: the stored fields plus the live seat stock from Redis. */
public record Train(long id, String code, String origin, String destination, Instant departsAt,
		int capacity, long remaining) {

	public static Train of(StoredTrain stored, long remaining) {
		return new Train(stored.id(), stored.code(), stored.origin(), stored.destination(),
				stored.departsAt(), stored.capacity(), remaining);
	}

}
