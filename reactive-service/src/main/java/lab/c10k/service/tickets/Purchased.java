package lab.c10k.service.tickets;

import lab.c10k.common.api.Ticket;

/** A purchase's outcome: a new ticket (201) or the one an earlier attempt of the same request made (200). */
record Purchased(Ticket ticket, boolean isNew) {
}
