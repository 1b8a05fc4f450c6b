package lab.c10k.service.tickets;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import lab.c10k.common.redis.SeatClaim;
import lab.c10k.service.stock.SeatStock;
import lab.c10k.service.stock.StockRepair;
import lab.c10k.service.system.C10kProperties;
import lab.c10k.service.system.Outages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.stereotype.Component;

/**
 * Ends in-flight stock changes after MySQL has decided. A Redis failure here must not turn a
 * decided sale into an error, nor leave a seat taken without a ticket: the request is answered at
 * once, and the change goes on in the background, sent again every {@code c10k.redis.retry-interval}
 * until Redis answers (settle.lua is idempotent). Every method completes empty, never with an error.
 * Should this process die first, the change's lease runs out and {@link StockRepair} re-derives the
 * stock from MySQL.
 */
@Component
class StockSettler {

	private static final Logger log = LoggerFactory.getLogger(StockSettler.class);

	private final AtomicInteger pending = new AtomicInteger();

	private final SeatStock stock;

	private final StockRepair repair;

	private final Duration retryInterval;

	StockSettler(SeatStock stock, StockRepair repair, MeterRegistry meters, C10kProperties properties) {
		this.stock = stock;
		this.repair = repair;
		this.retryInterval = properties.redis().retryInterval();
		Gauge.builder("c10k.stock.pending", pending, AtomicInteger::get)
			.description("Stock changes decided in MySQL and not yet applied to Redis")
			.register(meters);
	}

	/** A sale committed: nothing to give back, the waiters learn the new stock. */
	Mono<Void> confirm(SeatClaim claim) {
		return orRetryLater(stock.settle(claim, 0, true).then(), "Confirming " + claim);
	}

	/** A purchase failed after the gate: its seat goes back to the stock. */
	Mono<Void> giveBack(SeatClaim claim) {
		return orRetryLater(stock.settle(claim, 1, false).then(), "Giving back " + claim);
	}

	/**
	 * The gate's answer was lost (Redis timed out): the seat, if the script took one in time, goes back
	 * once Redis answers again; if it ran late it took nothing, and this finds nothing to give back.
	 */
	void releaseLater(SeatClaim claim) {
		retryInBackground(stock.settle(claim, 1, false).then(), "Releasing " + claim);
	}

	/** Like {@link #releaseLater}, for a cancel whose record in Redis may or may not have been made. */
	void abandonLater(long trainId, String member) {
		retryInBackground(stock.settle(trainId, member, 0, false).then(), "Abandoning " + member);
	}

	/** A cancel committed: its seat goes back and the waiters learn the new stock. */
	Mono<Void> giveBackAndPublish(long trainId, String member) {
		return settle(trainId, member, 1, true);
	}

	/** A change that did nothing in MySQL: only its lease ends. */
	Mono<Void> abandon(long trainId, String member) {
		return settle(trainId, member, 0, false);
	}

	Mono<Void> repair(long trainId) {
		return orRetryLater(repair.repair(trainId).then(), "Stock repair of train " + trainId);
	}

	private Mono<Void> settle(long trainId, String member, int seatsBack, boolean publish) {
		return orRetryLater(stock.settle(trainId, member, seatsBack, publish).then(),
				"Settling " + member + " on train " + trainId);
	}

	private Mono<Void> orRetryLater(Mono<Void> change, String what) {
		return change.onErrorResume(ex -> {
			log.warn("{} queued until Redis answers: {}", what, ex.toString());
			retryInBackground(change, what);
			return Mono.empty();
		});
	}

	private void retryInBackground(Mono<Void> change, String what) {
		pending.incrementAndGet();
		change.retryWhen(Retry.fixedDelay(Long.MAX_VALUE, retryInterval).filter(Outages::isOutage))
			.doFinally(signal -> pending.decrementAndGet())
			.subscribe(null, failure -> log.error("Dropping {}: it can never succeed", what, failure));
	}

}
