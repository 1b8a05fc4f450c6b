package lab.c10k.service.updates;

import java.time.Duration;

import lab.c10k.common.api.TrainUpdate;
import lab.c10k.common.problem.ApiException;
import lab.c10k.common.redis.UpdateMessages;
import lab.c10k.common.validation.Params;
import lab.c10k.service.stock.SeatStock;
import lab.c10k.service.trains.TrainService;

import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The C10K workload: a request that holds its connection until something happens. */
@RestController
class UpdatesController {

	private final TrainService trains;

	private final UpdateWaiters waiters;

	private final RedisMessageListenerContainer subscription;

	private final SeatStock stock;

	UpdatesController(TrainService trains, UpdateWaiters waiters, RedisMessageListenerContainer subscription,
			SeatStock stock) {
		this.trains = trains;
		this.waiters = waiters;
		this.subscription = subscription;
		this.stock = stock;
	}

	@GetMapping("/api/trains/{id}/updates")
	ResponseEntity<TrainUpdate> await(@PathVariable String id, @RequestParam(required = false) String waitMs) {
		long trainId = Params.id("id", id);
		Duration wait = Duration.ofMillis(Params.waitMs(waitMs));
		trains.requireExisting(trainId);
		// A poll that cannot be woken must not wait: the subscription must listen, and reading the train's version
		// proves that Redis answers (an outage there is a 503).
		if (!subscription.isListening()) {
			throw ApiException.unavailable("Redis", null);
		}
		return waiters.await(trainId, wait, () -> UpdateMessages.version(stock.version(trainId)))
			.map(ResponseEntity::ok)
			.orElseGet(() -> ResponseEntity.noContent().build());
	}

}
