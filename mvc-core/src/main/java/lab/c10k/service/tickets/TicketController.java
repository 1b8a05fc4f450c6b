package lab.c10k.service.tickets;

import java.net.URI;

import lab.c10k.common.api.Ticket;
import lab.c10k.common.validation.Params;
import lab.c10k.common.validation.RequestBodies;
import lab.c10k.metrics.CancelOutcome;
import lab.c10k.metrics.PurchaseOutcome;
import lab.c10k.metrics.ServiceMeters;
import lab.c10k.service.system.Outages;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TicketController {

	private final TicketService tickets;

	private final ServiceMeters meters;

	TicketController(TicketService tickets, ServiceMeters meters) {
		this.tickets = tickets;
		this.meters = meters;
	}

	/** The body is judged before the path's train is looked up: the contract's order of checks. */
	@PostMapping(path = "/api/trains/{trainId}/tickets", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Ticket> buy(@PathVariable String trainId, @RequestBody(required = false) byte[] body) {
		Purchased purchased;
		try {
			long train = Params.id("trainId", trainId);
			purchased = tickets.buy(train, RequestBodies.purchase(body));
		}
		catch (RuntimeException ex) {
			meters.purchase(PurchaseOutcome.of(ex, Outages.isOutage(ex)));
			throw ex;
		}
		meters.purchase(purchased.isNew() ? PurchaseOutcome.SOLD : PurchaseOutcome.REPLAYED);
		Ticket ticket = purchased.ticket();
		return purchased.isNew() ? ResponseEntity.created(URI.create("/api/tickets/" + ticket.id())).body(ticket)
				: ResponseEntity.ok(ticket);
	}

	@GetMapping("/api/tickets/{id}")
	Ticket find(@PathVariable String id) {
		return tickets.find(Params.id("id", id));
	}

	@DeleteMapping("/api/tickets/{id}")
	ResponseEntity<Void> cancel(@PathVariable String id) {
		boolean seatReturned;
		try {
			seatReturned = tickets.cancel(Params.id("id", id));
		}
		catch (RuntimeException ex) {
			meters.cancel(CancelOutcome.of(ex, Outages.isOutage(ex)));
			throw ex;
		}
		meters.cancel(CancelOutcome.of(seatReturned));
		return ResponseEntity.noContent().build();
	}

}
