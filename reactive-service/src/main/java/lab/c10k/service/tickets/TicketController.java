package lab.c10k.service.tickets;

import java.net.URI;

import lab.c10k.common.api.Ticket;
import lab.c10k.common.validation.Params;
import lab.c10k.common.validation.RequestBodies;
import lab.c10k.metrics.CancelOutcome;
import lab.c10k.metrics.PurchaseOutcome;
import lab.c10k.metrics.ServiceMeters;
import lab.c10k.service.system.Outages;
import reactor.core.publisher.Mono;

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
	Mono<ResponseEntity<Ticket>> buy(@PathVariable String trainId, @RequestBody(required = false) byte[] body) {
		return Mono.defer(() -> tickets.buy(Params.id("trainId", trainId), RequestBodies.purchase(body)))
			.doOnNext(purchased -> meters.purchase(purchased.isNew() ? PurchaseOutcome.SOLD : PurchaseOutcome.REPLAYED))
			.doOnError(ex -> meters.purchase(PurchaseOutcome.of(ex, Outages.isOutage(ex))))
			.map(purchased -> {
				Ticket ticket = purchased.ticket();
				return purchased.isNew() ? ResponseEntity.created(URI.create("/api/tickets/" + ticket.id())).body(ticket)
						: ResponseEntity.ok(ticket);
			});
	}

	@GetMapping("/api/tickets/{id}")
	Mono<Ticket> find(@PathVariable String id) {
		return tickets.find(Params.id("id", id));
	}

	@DeleteMapping("/api/tickets/{id}")
	Mono<ResponseEntity<Void>> cancel(@PathVariable String id) {
		return Mono.defer(() -> tickets.cancel(Params.id("id", id)))
			.doOnNext(seatReturned -> meters.cancel(CancelOutcome.of(seatReturned)))
			.doOnError(ex -> meters.cancel(CancelOutcome.of(ex, Outages.isOutage(ex))))
			.then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
	}

}
