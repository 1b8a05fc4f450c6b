package lab.c10k.service.trains;

import java.net.URI;

import lab.c10k.common.api.Train;
import lab.c10k.common.api.TrainPage;
import lab.c10k.common.validation.Params;
import lab.c10k.common.validation.RequestBodies;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Path and query values arrive as text: common's Params judges them, not the framework's binder. A
 * validation failure thrown here becomes an error signal of the returned chain, like any other.
 */
@RestController
class TrainController {

	private final TrainService trains;

	TrainController(TrainService trains) {
		this.trains = trains;
	}

	@PostMapping(path = "/api/trains", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Train>> create(@RequestBody(required = false) byte[] body) {
		return trains.create(RequestBodies.newTrain(body))
			.map(train -> ResponseEntity.created(URI.create("/api/trains/" + train.id())).body(train));
	}

	@GetMapping("/api/trains/{id}")
	Mono<Train> find(@PathVariable String id) {
		return trains.find(Params.id("id", id));
	}

	@GetMapping("/api/trains")
	Mono<TrainPage> list(@RequestParam(required = false) String limit,
			@RequestParam(required = false) String afterId) {
		return trains.list(Params.afterId(afterId), Params.pageLimit(limit));
	}

}
