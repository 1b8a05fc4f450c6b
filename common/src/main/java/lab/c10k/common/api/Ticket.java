package lab.c10k.common.api;

import java.time.Instant;

public record Ticket(long id, long trainId, String passenger, String requestId, TicketStatus status,
		Instant createdAt) {

	/** Whether a purchase with this request is an idempotent retry of the one that made this ticket. */
	public boolean isReplayOf(long trainId, Purchase purchase) {
		return this.trainId == trainId && passenger.equals(purchase.passenger());
	}

}
