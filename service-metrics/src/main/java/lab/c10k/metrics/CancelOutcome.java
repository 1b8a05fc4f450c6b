package lab.c10k.metrics;

/**
 * How a cancel ({@code DELETE /api/tickets/{id}}) ended: the closed set of
 * {@code c10k_cancels_total{outcome}}. Failures are named after their problem type.
 */
public enum CancelOutcome implements Outcome {

	/** 204: this request cancelled the ticket, and its seat went back to the stock. */
	CANCELLED,
	/** 204: the ticket was cancelled already (by an earlier or a concurrent request); no seat went back. */
	ALREADY_CANCELLED,
	TICKET_NOT_FOUND,
	INVALID_REQUEST,
	UNAVAILABLE,
	INTERNAL_ERROR;

	public static CancelOutcome of(boolean seatReturned) {
		return seatReturned ? CANCELLED : ALREADY_CANCELLED;
	}

	/** The outcome of a cancel that ended in {@code failure}; see {@link Outcome#ofFailure}. */
	public static CancelOutcome of(Throwable failure, boolean outage) {
		return Outcome.ofFailure(CancelOutcome.class, failure, outage);
	}

}
