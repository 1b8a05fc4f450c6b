package lab.c10k.service.tickets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import lab.c10k.common.api.Purchase;
import lab.c10k.common.api.Ticket;
import lab.c10k.common.redis.RedisKeys;
import lab.c10k.common.sql.TrainSql;
import lab.c10k.conformance.support.Fixtures;
import lab.c10k.conformance.support.ServiceUnderTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that goes away cancels its request's chain. Cancelled at any point, from before the Redis
 * gate to after the commit, a purchase or a cancel must leave the Redis stock and MySQL in step: no
 * seat taken without a ticket, none given back twice. Each request here is cancelled after a delay a
 * little longer than the one before, from none to twice what one request takes on this machine, so
 * that the cancels land all along the way.
 */
@ExtendWith(ServiceUnderTest.class)
class CancelledRequestsTest {

	private static final int REQUESTS = 40;

	private final ApplicationContext context = ServiceUnderTest.context();

	private final TicketService tickets = context.getBean(TicketService.class);

	@Test
	void purchasesCancelledMidFlightLeaveStockAndTicketsInStep() {
		long trainId = Fixtures.createTrainId(REQUESTS + 1);
		long step = stepFor(() -> buy(trainId, "Timed").block(Duration.ofSeconds(10)));

		for (int i = 0; i < REQUESTS; i++) {
			cancelAfter(buy(trainId, "Passenger " + i).subscribe(ok -> { }, failed -> { }), i * step);
		}

		State state = settled(trainId);
		assertThat(state.sold() - 1).as("purchases that got through before their cancel").isPositive();
		state.assertInStep(REQUESTS + 1);
	}

	@Test
	void ticketCancelsCancelledMidFlightLeaveStockAndTicketsInStep() {
		long trainId = Fixtures.createTrainId(REQUESTS);
		// Sold first, one by one: a purchase racing a cancel on one train may deadlock in MySQL (a 503), which is not
		// what this test is about.
		List<Ticket> sold = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			sold.add(buy(trainId, "Passenger " + i).block(Duration.ofSeconds(10)).ticket());
		}
		long step = stepFor(() -> tickets.cancel(sold.removeLast().id()).block(Duration.ofSeconds(10)));
		for (int i = 0; i < sold.size(); i++) {
			cancelAfter(tickets.cancel(sold.get(i).id()).subscribe(ok -> { }, failed -> { }), i * step);
		}

		State state = settled(trainId);
		assertThat(state.sold()).as("tickets whose cancel was itself cancelled first").isPositive();
		assertThat(state.sold()).as("tickets cancelled all the same").isLessThan(REQUESTS - 1);
		state.assertInStep(REQUESTS);
	}

	private Mono<Purchased> buy(long trainId, String passenger) {
		return tickets.buy(trainId, new Purchase(passenger, UUID.randomUUID().toString()));
	}

	/** The delay between two cancels: one request, timed, spread over half the requests. */
	private static long stepFor(Runnable oneRequest) {
		long start = System.nanoTime();
		oneRequest.run();
		return Math.max(50_000, 2 * (System.nanoTime() - start) / REQUESTS);
	}

	private static void cancelAfter(Disposable request, long nanos) {
		LockSupport.parkNanos(nanos);
		request.dispose();
	}

	/** Waits until no purchase or cancel of the train is in flight, then reads Redis and MySQL as they are. */
	private State settled(long trainId) {
		RedisKeys keys = context.getBean(RedisKeys.class);
		ReactiveStringRedisTemplate redis = context.getBean(ReactiveStringRedisTemplate.class);
		Awaitility.await("nothing in flight on train " + trainId)
			.atMost(Duration.ofSeconds(10))
			.until(() -> redis.opsForZSet().size(keys.inFlight(trainId)).block() == 0);
		long stock = Long.parseLong(redis.opsForValue().get(keys.stock(trainId)).block());
		return context.getBean(DatabaseClient.class).sql(TrainSql.AUDIT).bind("id", trainId)
			.map(row -> new State(stock, row.get("sold", Integer.class), row.get("confirmed", Long.class)))
			.one()
			.block();
	}

	private record State(long stock, int sold, long confirmed) {

		void assertInStep(int capacity) {
			assertThat(confirmed).as("CONFIRMED tickets").isEqualTo(sold);
			assertThat(stock).as("Redis stock").isEqualTo(capacity - sold);
		}

	}

}
