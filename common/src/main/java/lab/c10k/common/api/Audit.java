package lab.c10k.common.api;

/** Reconciliation of MySQL's counter, MySQL's tickets and the Redis stock of one train. */
public record Audit(long trainId, int capacity, int sold, long confirmedTickets, long cancelledTickets,
		long stock, boolean consistent) {

	public static Audit of(long trainId, int capacity, int sold, long confirmedTickets, long cancelledTickets,
			long stock) {
		boolean consistent = sold == confirmedTickets && sold <= capacity && stock == (long) capacity - sold;
		return new Audit(trainId, capacity, sold, confirmedTickets, cancelledTickets, stock, consistent);
	}

}
