package lab.c10k.service.tickets;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import lab.c10k.common.api.Purchase;
import lab.c10k.common.api.Ticket;
import lab.c10k.common.api.TicketStatus;
import lab.c10k.common.problem.ApiException;
import lab.c10k.common.redis.StockScripts;
import lab.c10k.service.stock.SeatStock;
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
		var earlier = tickets.findByRequestId(purchase.requestId());
		if (earlier.isPresent()) {
			return replay(earlier.get(), trainId, purchase);
		}
		String member = StockScripts.newMember("buy", purchase.requestId());
		long left = stock.reserve(trainId, member, () -> trains.requireStored(trainId).derivedStock());
		if (left == StockScripts.SOLD_OUT) {
			throw ApiException.soldOut(trainId);
		}
		Ticket ticket;
		try {
			ticket = transactions.execute(tx -> {
				if (!trainRows.takeSeat(trainId)) {
					throw ApiException.soldOut(trainId);
				}
				return tickets.insert(trainId, purchase, Instant.now().truncatedTo(ChronoUnit.MILLIS));
			});
		}
		catch (DuplicateKeyException sameRequestRaced) {
			settler.giveBack(trainId, member);
			return tickets.findByRequestId(purchase.requestId())
				.map(winner -> replay(winner, trainId, purchase))
				.orElseThrow(() -> sameRequestRaced);
		}
		catch (RuntimeException ex) {
			settler.giveBack(trainId, member);
			if (ex instanceof ApiException) {
				// MySQL refused a seat that Redis had: the stock drifted, correct it now.
				settler.repair(trainId);
			}
			throw ex;
		}
		settler.confirm(trainId, member);
		return new Purchased(ticket, true);
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

	/** Cancels once: a second cancel finds the ticket CANCELLED and returns no second seat. */
	void cancel(long ticketId) {
		Ticket ticket = find(ticketId);
		if (ticket.status() == TicketStatus.CANCELLED) {
			return;
		}
		long trainId = ticket.trainId();
		String member = StockScripts.newMember("cancel", ticketId);
		stock.beginCancel(trainId, member);
		boolean cancelled;
		try {
			cancelled = Boolean.TRUE.equals(transactions.execute(tx -> {
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
	}

}
