package lab.c10k.service.tickets;

import java.net.URI;

import lab.c10k.common.api.Ticket;
import lab.c10k.common.validation.Params;
import lab.c10k.common.validation.RequestBodies;
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

	TicketController(TicketService tickets) {
		this.tickets = tickets;
	}

	/** The body is judged before the path's train is looked up: the contract's order of checks. */
	@PostMapping(path = "/api/trains/{trainId}/tickets", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Ticket>> buy(@PathVariable String trainId, @RequestBody(required = false) byte[] body) {
		long train = Params.id("trainId", trainId);
		return tickets.buy(train, RequestBodies.purchase(body)).map(purchased -> {
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
		return tickets.cancel(Params.id("id", id)).then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
	}

}
