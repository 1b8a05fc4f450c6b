package lab.c10k.common.api;

public enum TicketStatus {

	CONFIRMED, CANCELLED

}
