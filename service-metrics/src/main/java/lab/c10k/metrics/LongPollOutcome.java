package lab.c10k.metrics;

/**
 * How a long poll of a train that exists ended: the closed set of
 * {@code c10k_longpoll_completed_total{outcome}}. A poll refused before it could wait (400, 404) is a
 * problem, not a completed poll; one whose client went away first is not counted.
 */
public enum LongPollOutcome implements Outcome {

	/** 200: a sale or a cancel changed the stock while it waited. */
	WOKEN,
	/** 204: the wait passed first (or the service was shutting down and let it go). */
	TIMEOUT,
	/** 503: Redis or the subscription could not promise a wake-up, before or during the wait. */
	UNAVAILABLE;

	public static LongPollOutcome of(boolean woken) {
		return woken ? WOKEN : TIMEOUT;
	}

}
