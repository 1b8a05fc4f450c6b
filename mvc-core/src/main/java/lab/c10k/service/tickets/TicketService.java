package lab.c10k.service.tickets;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import lab.c10k.common.api.Purchase;
import lab.c10k.common.api.Ticket;
import lab.c10k.common.api.TicketStatus;
import lab.c10k.common.problem.ApiException;
import lab.c10k.common.redis.SeatClaim;
import lab.c10k.common.redis.StockScripts;
import lab.c10k.service.stock.SeatStock;
import lab.c10k.service.system.Outages;
import lab.c10k.service.trains.TrainRepository;
import lab.c10k.service.trains.TrainService;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * A purchase passes the Redis gate first (cheap, atomic, fails closed), then one MySQL transaction
 * whose guard {@code sold < capacity} holds even if the gate drifted. Whatever fails after the gate
 * gives the seat back, so stock and tickets end as they were.
 */
@Service
class TicketService {

	private final TicketRepository tickets;

	private final TrainRepository trainRows;

	private final TrainService trains;

	private final SeatStock stock;

	private final StockSettler settler;

	private final TransactionOperations transactions;

	TicketService(TicketRepository tickets, TrainRepository trainRows, TrainService trains, SeatStock stock,
			StockSettler settler, TransactionOperations transactions) {
		this.tickets = tickets;
		this.trainRows = trainRows;
		this.trains = trains;
		this.stock = stock;
		this.settler = settler;
		this.transactions = transactions;
	}

	Purchased buy(long trainId, Purchase purchase) {
		trains.requireExisting(trainId);
		String member = StockScripts.purchaseMember(purchase.requestId());
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(StockScripts.DUPLICATE_WAIT_MS);
		for (int attempt = 0;; attempt++) {
			var earlier = tickets.findByRequestId(purchase.requestId());
			if (earlier.isPresent()) {
				return replay(earlier.get(), trainId, purchase);
			}
			SeatClaim claim = stock.claim(trainId, member);
			long left = reserve(claim);
			if (left == StockScripts.SOLD_OUT) {
				throw ApiException.soldOut(trainId);
			}
			if (left != StockScripts.ALREADY_IN_FLIGHT) {
				return sell(purchase, claim);
			}
			// Another attempt of this request holds a seat: wait for its outcome, then replay it.
			if (System.nanoTime() > deadline) {
				throw ApiException.requestInFlight(purchase.requestId());
			}
			pause(StockScripts.duplicatePauseMs(attempt));
		}
	}

	private long reserve(SeatClaim claim) {
		try {
			return stock.reserve(claim, () -> trains.requireStored(claim.trainId()).derivedStock());
		}
		catch (RuntimeException ex) {
			if (Outages.isOutage(ex)) {
				settler.releaseLater(claim);
			}
			throw ex;
		}
	}

	private Purchased sell(Purchase purchase, SeatClaim claim) {
		long trainId = claim.trainId();
		Ticket ticket;
		try {
			ticket = transactions.execute(tx -> {
				if (!trainRows.takeSeat(trainId)) {
					throw ApiException.soldOut(trainId);
				}
				return tickets.insert(trainId, purchase, Instant.now().truncatedTo(ChronoUnit.MILLIS));
			});
		}
		catch (DuplicateKeyException sameRequestOnAnotherTrain) {
			settler.giveBack(claim);
			return tickets.findByRequestId(purchase.requestId())
				.map(winner -> replay(winner, trainId, purchase))
				.orElseThrow(() -> sameRequestOnAnotherTrain);
		}
		catch (RuntimeException ex) {
			settler.giveBack(claim);
			if (ex instanceof ApiException) {
				// MySQL refused a seat that Redis had: the stock drifted, correct it now.
				settler.repair(trainId);
			}
			throw ex;
		}
		settler.confirm(claim);
		return new Purchased(ticket, true);
	}

	/** The blocking model's way to wait: the request's own thread sleeps (a virtual one just parks). */
	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ApiException.unavailable("The service", ex);
		}
	}

	private static Purchased replay(Ticket earlier, long trainId, Purchase purchase) {
		if (!earlier.isReplayOf(trainId, purchase)) {
			throw ApiException.requestIdConflict(purchase.requestId());
		}
		return new Purchased(earlier, false);
	}

	Ticket find(long id) {
		return tickets.findById(id).orElseThrow(() -> ApiException.ticketNotFound(id));
	}

	/**
	 * Cancels once: a second cancel finds the ticket CANCELLED and returns no second seat. True when
	 * this call gave the seat back.
	 */
	boolean cancel(long ticketId) {
		Ticket ticket = find(ticketId);
		if (ticket.status() == TicketStatus.CANCELLED) {
			return false;
		}
		long trainId = ticket.trainId();
		String member = StockScripts.cancelMember(ticketId);
		try {
			stock.beginCancel(trainId, member);
		}
		catch (RuntimeException ex) {
			if (Outages.isOutage(ex)) {
				settler.abandonLater(trainId, member);
			}
			throw ex;
		}
		boolean cancelled;
		try {
			cancelled = Boolean.TRUE.equals(transactions.execute(tx -> {
				trainRows.lock(trainId);
				boolean changed = tickets.cancel(ticketId);
				if (changed) {
					trainRows.returnSeat(trainId);
				}
				return changed;
			}));
		}
		catch (RuntimeException ex) {
			settler.abandon(trainId, member);
			throw ex;
		}
		if (cancelled) {
			settler.giveBackAndPublish(trainId, member);
		}
		else {
			settler.abandon(trainId, member);
		}
		return cancelled;
	}

}
