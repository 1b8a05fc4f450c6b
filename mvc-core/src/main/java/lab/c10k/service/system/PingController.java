package lab.c10k.service.system;

import lab.c10k.common.api.Ping;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Touches neither MySQL nor Redis: what is left is the cost of the framework and its threads. */
@RestController
class PingController {

	private final String model;

	PingController(C10kProperties properties) {
		this.model = properties.model();
	}

	@GetMapping("/api/ping")
	Ping ping() {
		return Ping.fromCurrentThread(model);
	}

}
