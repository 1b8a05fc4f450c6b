package lab.c10k.service.tickets;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import lab.c10k.common.redis.SeatClaim;
import lab.c10k.service.stock.SeatStock;
import lab.c10k.service.stock.StockRepair;
import lab.c10k.service.system.Outages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends in-flight stock changes after MySQL has decided. A Redis failure here must not turn a
 * decided sale into an error, nor leave a seat taken without a ticket: the change is queued and
 * sent again until Redis answers (settle.lua is idempotent). Should this process die first, the
 * change's lease runs out and {@link StockRepair} re-derives the stock from MySQL.
 */
@Component
class StockSettler {

	private static final Logger log = LoggerFactory.getLogger(StockSettler.class);

	private final Queue<Settle> pending = new ConcurrentLinkedQueue<>();

	private final Queue<Long> pendingRepairs = new ConcurrentLinkedQueue<>();

	private final SeatStock stock;

	private final StockRepair repair;

	StockSettler(SeatStock stock, StockRepair repair, MeterRegistry meters) {
		this.stock = stock;
		this.repair = repair;
		Gauge.builder("c10k.stock.pending", () -> pending.size() + pendingRepairs.size())
			.description("Stock changes decided in MySQL and not yet applied to Redis")
			.register(meters);
	}

	/** A sale committed: nothing to give back, the waiters learn the new stock. */
	void confirm(SeatClaim claim) {
		settle(Settle.of(claim, 0, true));
	}

	/** A purchase failed after the gate: its seat goes back to the stock. */
	void giveBack(SeatClaim claim) {
		settle(Settle.of(claim, 1, false));
	}

	/**
	 * Redis failed while the gate ran: its answer is lost, not necessarily its seat. The seat goes back once Redis
	 * answers, if this attempt took one. Only queued, so the request does not wait on a failing Redis twice.
	 */
	void releaseLater(SeatClaim claim) {
		pending.add(Settle.of(claim, 1, false));
	}

	/** A cancel committed: its seat goes back and the waiters learn the new stock. */
	void giveBackAndPublish(long trainId, String member) {
		settle(new Settle(trainId, member, null, 1, true));
	}

	/** A change that did nothing in MySQL: only its lease ends. */
	void abandon(long trainId, String member) {
		settle(new Settle(trainId, member, null, 0, false));
	}

	/** Redis failed while a cancel began: its lease, if Redis recorded one, ends once Redis answers. */
	void abandonLater(long trainId, String member) {
		pending.add(new Settle(trainId, member, null, 0, false));
	}

	void repair(long trainId) {
		try {
			repair.repair(trainId);
		}
		catch (RuntimeException ex) {
			log.warn("Stock repair of train {} queued: {}", trainId, ex.toString());
			pendingRepairs.add(trainId);
		}
	}

	private void settle(Settle change) {
		try {
			change.applyTo(stock);
		}
		catch (RuntimeException ex) {
			log.warn("{} queued until Redis answers: {}", change, ex.toString());
			pending.add(change);
		}
	}

	/** Sends the queued changes in order; stops at the first outage, Redis is still away. */
	@Scheduled(fixedDelayString = "${c10k.redis.retry-interval:500ms}")
	void retryPending() {
		drain(pending, change -> change.applyTo(stock));
		drain(pendingRepairs, repair::repair);
	}

	private static <T> void drain(Queue<T> queue, java.util.function.Consumer<T> action) {
		for (T item = queue.peek(); item != null; item = queue.peek()) {
			try {
				action.accept(item);
			}
			catch (RuntimeException ex) {
				if (Outages.isOutage(ex)) {
					return;
				}
				log.error("Dropping queued stock change {}: it can never succeed", item, ex);
			}
			queue.remove();
		}
	}

	/** One change to send; {@code claim} is set when it must touch that purchase attempt only. */
	private record Settle(long trainId, String member, SeatClaim claim, int seatsBack, boolean publish) {

		static Settle of(SeatClaim claim, int seatsBack, boolean publish) {
			return new Settle(claim.trainId(), claim.member(), claim, seatsBack, publish);
		}

		void applyTo(SeatStock stock) {
			if (claim != null) {
				stock.settle(claim, seatsBack, publish);
			}
			else {
				stock.settle(trainId, member, seatsBack, publish);
			}
		}

	}

}
