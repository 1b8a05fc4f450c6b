package lab.c10k.metrics;

/**
 * How a purchase ({@code POST /api/trains/{id}/tickets}) that reached its handler ended: the closed
 * set of {@code c10k_purchases_total{outcome}}. A body the web stack refuses before the handler
 * (415, 413) is a problem, not a purchase. Failures are named after their problem type.
 */
public enum PurchaseOutcome implements Outcome {

	/** 201: a seat was sold. */
	SOLD,
	/** 200: a retry of a purchase that had already bought its ticket; no seat taken. */
	REPLAYED,
	SOLD_OUT,
	REQUEST_ID_CONFLICT,
	TRAIN_NOT_FOUND,
	INVALID_REQUEST,
	/** 503: MySQL or Redis failed, or an earlier attempt of the same request was still in flight. */
	UNAVAILABLE,
	/** 500: a bug. */
	INTERNAL_ERROR;

	/** The outcome of a purchase that ended in {@code failure}; see {@link Outcome#ofFailure}. */
	public static PurchaseOutcome of(Throwable failure, boolean outage) {
		return Outcome.ofFailure(PurchaseOutcome.class, failure, outage);
	}

}
