package lab.c10k.service.system;

import lab.c10k.common.api.Ping;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Touches neither MySQL nor Redis: what is left is the cost of the framework and its event loop. */
@RestController
class PingController {

	private final String model;

	PingController(C10kProperties properties) {
		this.model = properties.model();
	}

	/** Deferred, so that the thread named is the one that runs the handler: an event loop. */
	@GetMapping("/api/ping")
	Mono<Ping> ping() {
		return Mono.fromSupplier(() -> Ping.fromCurrentThread(model));
	}

}
