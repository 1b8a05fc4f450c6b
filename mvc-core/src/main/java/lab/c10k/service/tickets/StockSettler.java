package lab.c10k.service.tickets;

import lab.c10k.service.stock.SeatStock;
import lab.c10k.service.stock.StockRepair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Ends in-flight stock changes after MySQL has decided. These run after the outcome is settled in
 * MySQL, so a Redis failure here must not turn a sale into an error: the lease of the change runs
 * out and {@link StockRepair} re-derives the stock from MySQL.
 */
@Component
class StockSettler {

	private static final Logger log = LoggerFactory.getLogger(StockSettler.class);

	private final SeatStock stock;

	private final StockRepair repair;

	StockSettler(SeatStock stock, StockRepair repair) {
		this.stock = stock;
		this.repair = repair;
	}

	/** A sale committed: nothing to give back, the waiters learn the new stock. */
	void confirm(long trainId, String member) {
		settle(trainId, member, 0, true);
	}

	/** A purchase failed after the gate: its seat goes back to the stock. */
	void giveBack(long trainId, String member) {
		settle(trainId, member, 1, false);
	}

	/** A cancel committed: its seat goes back and the waiters learn the new stock. */
	void giveBackAndPublish(long trainId, String member) {
		settle(trainId, member, 1, true);
	}

	/** A change that did nothing in MySQL: only its lease ends. */
	void abandon(long trainId, String member) {
		settle(trainId, member, 0, false);
	}

	void repair(long trainId) {
		try {
			repair.repair(trainId);
		}
		catch (RuntimeException ex) {
			log.warn("Stock repair of train {} deferred: {}", trainId, ex.toString());
		}
	}

	private void settle(long trainId, String member, int seatsBack, boolean publish) {
		try {
			stock.settle(trainId, member, seatsBack, publish);
		}
		catch (RuntimeException ex) {
			log.warn("Settling {} on train {} deferred to stock repair: {}", member, trainId, ex.toString());
		}
	}

}
