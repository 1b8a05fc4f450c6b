package lab.c10k.service.tickets;

import java.time.Duration;
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
import lab.c10k.service.system.C10kProperties;
import lab.c10k.service.system.Outages;
import lab.c10k.service.trains.TrainRepository;
import lab.c10k.service.trains.TrainService;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * A purchase passes the Redis gate first (cheap, atomic, fails closed), then one MySQL transaction
 * whose guard {@code sold < capacity} holds even if the gate drifted. Whatever fails after the gate
 * gives the seat back, so stock and tickets end as they were. From the gate on, a purchase or a
 * cancel runs to its end even when the client goes away ({@link #uncancellable}).
 */
@Service
class TicketService {

	private final TicketRepository tickets;

	private final TrainRepository trainRows;

	private final TrainService trains;

	private final SeatStock stock;

	private final StockSettler settler;

	private final TransactionalOperator transactions;

	private final Duration timeout;

	TicketService(TicketRepository tickets, TrainRepository trainRows, TrainService trains, SeatStock stock,
			StockSettler settler, TransactionalOperator transactions, C10kProperties properties) {
		this.tickets = tickets;
		this.trainRows = trainRows;
		this.trains = trains;
		this.stock = stock;
		this.settler = settler;
		this.transactions = transactions;
		this.timeout = properties.mysql().timeout();
	}

	Mono<Purchased> buy(long trainId, Purchase purchase) {
		String member = StockScripts.purchaseMember(purchase.requestId());
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(StockScripts.DUPLICATE_WAIT_MS);
		return trains.requireExisting(trainId).then(attempt(trainId, purchase, member, deadline, 0));
	}

	/**
	 * The ticket an earlier attempt of this request made, else a seat now; when another attempt of
	 * the same request holds a seat right now, a pause (a timer, no thread) and a second look.
	 */
	private Mono<Purchased> attempt(long trainId, Purchase purchase, String member, long deadline, int attempt) {
		return tickets.findByRequestId(purchase.requestId())
			.map(earlier -> replay(earlier, trainId, purchase))
			.switchIfEmpty(Mono.defer(() -> uncancellable(reserveAndSell(trainId, purchase, member))))
			.switchIfEmpty(Mono.defer(() -> {
				if (System.nanoTime() > deadline) {
					return Mono.error(ApiException.requestInFlight(purchase.requestId()));
				}
				return Mono.delay(Duration.ofMillis(StockScripts.duplicatePauseMs(attempt)))
					.then(attempt(trainId, purchase, member, deadline, attempt + 1));
			}));
	}

	/** Empty when another attempt of the same request holds a seat: no seat was taken then. */
	private Mono<Purchased> reserveAndSell(long trainId, Purchase purchase, String member) {
		SeatClaim claim = stock.claim(trainId, member);
		return stock.reserve(claim, trains.derivedStock(trainId))
			.doOnError(Outages::isOutage, lost -> settler.releaseLater(claim))
			.flatMap(left -> {
				if (left == StockScripts.SOLD_OUT) {
					return Mono.error(ApiException.soldOut(trainId));
				}
				return left == StockScripts.ALREADY_IN_FLIGHT ? Mono.empty() : sell(purchase, claim);
			});
	}

	/** The transaction is bounded as a whole, its commit included, by the MySQL timeout. */
	private Mono<Purchased> sell(Purchase purchase, SeatClaim claim) {
		long trainId = claim.trainId();
		Mono<Ticket> sale = trainRows.takeSeat(trainId)
			.flatMap(taken -> taken ? tickets.insert(trainId, purchase, Instant.now().truncatedTo(ChronoUnit.MILLIS))
					: Mono.error(ApiException.soldOut(trainId)))
			.as(transactions::transactional)
			.timeout(timeout);
		// The settler never fails, so only the sale's own failure reaches onErrorResume.
		return sale.flatMap(ticket -> settler.confirm(claim).thenReturn(new Purchased(ticket, true)))
			.onErrorResume(ex -> settler.giveBack(claim).then(afterFailedSale(trainId, purchase, ex)));
	}

	private Mono<Purchased> afterFailedSale(long trainId, Purchase purchase, Throwable failure) {
		if (failure instanceof DuplicateKeyException) {
			// The same requestId, sent for another train, committed first: answer as its replay would.
			return tickets.findByRequestId(purchase.requestId())
				.map(winner -> replay(winner, trainId, purchase))
				.switchIfEmpty(Mono.error(failure));
		}
		// MySQL refused a seat that Redis had: the stock drifted, correct it now.
		Mono<Void> repair = failure instanceof ApiException ? settler.repair(trainId) : Mono.empty();
		return repair.then(Mono.error(failure));
	}

	private static Purchased replay(Ticket earlier, long trainId, Purchase purchase) {
		if (!earlier.isReplayOf(trainId, purchase)) {
			throw ApiException.requestIdConflict(purchase.requestId());
		}
		return new Purchased(earlier, false);
	}

	Mono<Ticket> find(long id) {
		return tickets.findById(id).switchIfEmpty(Mono.error(() -> ApiException.ticketNotFound(id)));
	}

	/**
	 * Cancels once: a second cancel finds the ticket CANCELLED and returns no second seat. True when
	 * this call gave the seat back.
	 */
	Mono<Boolean> cancel(long ticketId) {
		return find(ticketId).flatMap(ticket -> ticket.status() == TicketStatus.CANCELLED ? Mono.just(false)
				: uncancellable(cancelConfirmed(ticket)));
	}

	private Mono<Boolean> cancelConfirmed(Ticket ticket) {
		long trainId = ticket.trainId();
		String member = StockScripts.cancelMember(ticket.id());
		Mono<Boolean> cancelled = trainRows.lock(trainId)
			.then(tickets.cancel(ticket.id()))
			.flatMap(changed -> changed ? trainRows.returnSeat(trainId).thenReturn(true) : Mono.just(false))
			.as(transactions::transactional)
			.timeout(timeout);
		return stock.beginCancel(trainId, member)
			.doOnError(Outages::isOutage, lost -> settler.abandonLater(trainId, member))
			.then(cancelled.onErrorResume(ex -> settler.abandon(trainId, member).then(Mono.error(ex))))
			.flatMap(changed -> (changed ? settler.giveBackAndPublish(trainId, member) : settler.abandon(trainId, member))
				.thenReturn(changed));
	}

	/**
	 * Runs {@code work} to its end whatever the subscriber does. A client that disconnects cancels its
	 * request's chain; cancelled between the Redis gate and the settle, a purchase would leave a seat
	 * taken from the stock with no ticket, and a cancel racing its commit could not give the seat back.
	 * Only the subscriber is let go: the work itself is subscribed once, here, and not cancelled.
	 */
	private static <T> Mono<T> uncancellable(Mono<T> work) {
		return Mono.fromFuture(work::toFuture, true);
	}

}
