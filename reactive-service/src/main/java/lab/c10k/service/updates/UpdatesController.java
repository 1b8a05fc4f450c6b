package lab.c10k.service.updates;

import java.time.Duration;
import java.util.concurrent.Executor;

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
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The C10K workload: a request that holds its connection, and no thread, until something happens. */
@RestController
class UpdatesController {

	private final TrainService trains;

	private final UpdateWaiters waiters;

	private final UpdatesSubscription subscription;

	private final SeatStock stock;

	private final ServiceMeters meters;

	private final WaitingPollLimit limit;

	UpdatesController(TrainService trains, UpdateWaiters waiters, UpdatesSubscription subscription,
			SeatStock stock, ServiceMeters meters, WaitingPollLimit limit) {
		this.trains = trains;
		this.waiters = waiters;
		this.subscription = subscription;
		this.stock = stock;
		this.meters = meters;
		this.limit = limit;
	}

	@GetMapping("/api/trains/{id}/updates")
	Mono<ResponseEntity<TrainUpdate>> await(@PathVariable String id, @RequestParam(required = false) String waitMs,
			ServerHttpRequest request) {
		long trainId = Params.id("id", id);
		Duration wait = Duration.ofMillis(Params.waitMs(waitMs));
		// Past the bound a poll is refused before any I/O, as in the other two models; held, it is released however
		// it ends, its client gone included.
		return Mono.defer(() -> {
			if (!limit.tryHold()) {
				return Mono.error(new ApiException(ProblemType.UNAVAILABLE, limit.refusalDetail()));
			}
			return held(trainId, wait, request).doFinally(signal -> limit.release());
		});
	}

	private Mono<ResponseEntity<TrainUpdate>> held(long trainId, Duration wait, ServerHttpRequest request) {
		// A poll that cannot be woken must not wait: the subscription must listen, and reading the train's version
		// proves that Redis answers (an outage there is a 503).
		return trains.requireExisting(trainId)
			.then(Mono.defer(() -> counted(subscription.isListening()
					? waiters.await(trainId, wait, subscription.trains(),
							stock.version(trainId).map(UpdateMessages::version), loopOf(request))
					: Mono.error(ApiException.unavailable("Redis", null)))))
			.map(ResponseEntity::ok)
			.defaultIfEmpty(ResponseEntity.noContent().build());
	}

	/** The event loop of the poll's connection; Reactor Netty serves every request here, so there always is one. */
	private static Executor loopOf(ServerHttpRequest request) {
		Connection connection = ServerHttpRequestDecorator.getNativeRequest(request);
		return connection.channel().eventLoop();
	}

	/** A poll of a train that exists, counted by how it ends; one whose client went away is not. */
	private Mono<TrainUpdate> counted(Mono<TrainUpdate> poll) {
		return poll.doOnSuccess(update -> meters.longPoll(LongPollOutcome.of(update != null)))
			.doOnError(ex -> meters.longPoll(LongPollOutcome.UNAVAILABLE));
	}

}
