package lab.c10k.service.updates;

import java.time.Duration;
import java.util.Optional;

import lab.c10k.common.api.TrainUpdate;
import lab.c10k.common.problem.ApiException;
import lab.c10k.common.problem.ProblemType;
import lab.c10k.common.redis.UpdateMessages;
import lab.c10k.common.validation.Params;
import lab.c10k.metrics.LongPollOutcome;
import lab.c10k.metrics.ServiceMeters;
import lab.c10k.metrics.WaitingPollLimit;
import lab.c10k.service.stock.SeatStock;
import lab.c10k.service.trains.TrainService;

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

	private final UpdatesListening subscription;

	private final SeatStock stock;

	private final ServiceMeters meters;

	private final WaitingPollLimit limit;

	UpdatesController(TrainService trains, UpdateWaiters waiters, UpdatesListening subscription,
			SeatStock stock, ServiceMeters meters, WaitingPollLimit limit) {
		this.trains = trains;
		this.waiters = waiters;
		this.subscription = subscription;
		this.stock = stock;
		this.meters = meters;
		this.limit = limit;
	}

	@GetMapping("/api/trains/{id}/updates")
	ResponseEntity<TrainUpdate> await(@PathVariable String id, @RequestParam(required = false) String waitMs) {
		long trainId = Params.id("id", id);
		Duration wait = Duration.ofMillis(Params.waitMs(waitMs));
		// Past the bound a poll is refused before any I/O: in this model a poll holds its thread, and its request's
		// buffers, until it is answered, and a refusal must cost the crowd's queue as little as possible.
		if (!limit.tryHold()) {
			throw new ApiException(ProblemType.UNAVAILABLE, limit.refusalDetail());
		}
		try {
			return held(trainId, wait);
		}
		finally {
			limit.release();
		}
	}

	private ResponseEntity<TrainUpdate> held(long trainId, Duration wait) {
		trains.requireExisting(trainId);
		// A poll that cannot be woken must not wait: the subscription must listen, and reading the train's version
		// proves that Redis answers (an outage there is a 503).
		if (!subscription.isListening()) {
			meters.longPoll(LongPollOutcome.UNAVAILABLE);
			throw ApiException.unavailable("Redis", null);
		}
		return countedAwait(trainId, wait)
			.map(ResponseEntity::ok)
			.orElseGet(() -> ResponseEntity.noContent().build());
	}

	private Optional<TrainUpdate> countedAwait(long trainId, Duration wait) {
		try {
			Optional<TrainUpdate> update = waiters.await(trainId, wait, subscription.trains(),
					() -> UpdateMessages.version(stock.version(trainId)));
			meters.longPoll(LongPollOutcome.of(update.isPresent()));
			return update;
		}
		catch (RuntimeException ex) {
			meters.longPoll(LongPollOutcome.UNAVAILABLE);
			throw ex;
		}
	}

}
