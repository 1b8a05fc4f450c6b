package lab.c10k.service.trains;

import java.net.URI;

import lab.c10k.common.api.Train;
import lab.c10k.common.api.TrainPage;
import lab.c10k.common.validation.Params;
import lab.c10k.common.validation.RequestBodies;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Path and query values arrive as text: common's Params judges them, not the framework's binder. */
@RestController
class TrainController {

	private final TrainService trains;

	TrainController(TrainService trains) {
		this.trains = trains;
	}

	@PostMapping(path = "/api/trains", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Train> create(@RequestBody(required = false) byte[] body) {
		Train train = trains.create(RequestBodies.newTrain(body));
		return ResponseEntity.created(URI.create("/api/trains/" + train.id())).body(train);
	}

	@GetMapping("/api/trains/{id}")
	Train find(@PathVariable String id) {
		return trains.find(Params.id("id", id));
	}

	@GetMapping("/api/trains")
	TrainPage list(@RequestParam(required = false) String limit, @RequestParam(required = false) String afterId) {
		return trains.list(Params.afterId(afterId), Params.pageLimit(limit));
	}

}
