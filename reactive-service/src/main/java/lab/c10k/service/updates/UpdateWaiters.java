package lab.c10k.service.updates;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import lab.c10k.common.api.TrainUpdate;
import lab.c10k.common.problem.ApiException;
import lab.c10k.common.redis.RedisKeys;
import lab.c10k.common.redis.UpdateMessages;
import lab.c10k.common.updates.ShardedSubscription;
import lab.c10k.common.updates.StockChange;
import lab.c10k.common.updates.TrainSubscriptions;
import lab.c10k.common.updates.UpdateWaiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The long-poll waiters of this instance, woken by one Redis pub/sub subscription: the pattern one on one Redis, the
 * sharded one on a Redis Cluster ({@link UpdatesSubscription}). In this model no
 * thread waits: a waiting request is a sink in a map and a timer, and its connection stays open on
 * the event loop until its future or the timer fires.
 */
@Component
class UpdateWaiters implements ShardedSubscription.Listener, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(UpdateWaiters.class);

	private final ConcurrentHashMap<Long, Set<UpdateWaiter>> waiters = new ConcurrentHashMap<>();

	private final AtomicInteger waiting = new AtomicInteger();

	private final AtomicInteger peak = new AtomicInteger();

	private final RedisKeys keys;

	private final Duration commandTimeout;

	private volatile boolean running;

	UpdateWaiters(RedisKeys keys, MeterRegistry meters,
			@Value("${spring.data.redis.timeout:60s}") Duration commandTimeout) {
		this.keys = keys;
		this.commandTimeout = commandTimeout;
		Gauge.builder("c10k.longpoll.waiting", waiting, AtomicInteger::get)
			.description("Long polls waiting for a stock change right now")
			.register(meters);
		Gauge.builder("c10k.longpoll.waiting.peak", peak, AtomicInteger::get)
			.description("Most long polls that waited at once since start")
			.register(meters);
	}

	/**
	 * The train's next update, or empty when the wait passes first. {@code version} reads the train's version from
	 * Redis: a change counts only when made after that read, which waits until {@code subscriptions} hears the train (at
	 * once under the pattern subscription; a shard channel's SSUBSCRIBE confirmed on a Redis Cluster), so that no
	 * change falls between the two. The answer is signalled on {@code answerOn}, the poll's
	 * own connection's event loop: one sale wakes every poll of its train at once, and writing all their replies on
	 * the subscription's I/O thread (10,000 at C10K, seconds of work on one core) would leave it deaf to the
	 * heartbeat and to every other message meanwhile.
	 */
	Mono<TrainUpdate> await(long trainId, Duration wait, TrainSubscriptions subscriptions, Mono<Long> version,
			Executor answerOn) {
		return Mono.defer(() -> {
			UpdateWaiter waiter = new UpdateWaiter();
			// compute, not computeIfAbsent + add: a set emptied and removed meanwhile must not swallow the waiter.
			waiters.compute(trainId, (id, set) -> {
				Set<UpdateWaiter> live = set != null ? set : ConcurrentHashMap.newKeySet();
				live.add(waiter);
				return live;
			});
			// Shared by the train's waiters: one poll's end must not cancel it for the others.
			Mono<Void> heard = Mono.fromFuture(subscriptions.join(trainId), true)
				.timeout(commandTimeout)
				.onErrorMap(ex -> ApiException.unavailable("Redis", ex));
			AtomicBoolean counted = new AtomicBoolean();
			// Heard from registration on; only once its version is known does it count as waiting.
			return heard.then(version).doOnNext(arrivedAt -> {
				waiter.arrivedAt(arrivedAt);
				peak.accumulateAndGet(waiting.incrementAndGet(), Math::max);
				counted.set(true);
				if (!running) {
					waiter.next().complete(null);
				}
			})
				// The wait starts once the version is known: a Redis that cannot say it is an outage, even at waitMs=0.
				.then(Mono.fromFuture(waiter.next(), true).timeout(wait, Mono.empty()))
				.publishOn(Schedulers.fromExecutor(answerOn))
				.doFinally(signal -> {
					subscriptions.leave(trainId);
					if (counted.get()) {
						waiting.decrementAndGet();
					}
					waiters.computeIfPresent(trainId, (id, set) -> {
						set.remove(waiter);
						return set.isEmpty() ? null : set;
					});
				});
		});
	}

	/** Runs on the subscription's I/O thread: it completes futures, whose answers {@link #await} hands to the polls' loops. */
	@Override
	public void message(String channel, String payload) {
		long trainId = keys.trainIdOfChannel(channel);
		Set<UpdateWaiter> set = waiters.get(trainId);
		if (set != null) {
			StockChange change = UpdateMessages.parse(trainId, payload);
			set.forEach(waiter -> waiter.heard(change));
		}
	}

	/**
	 * Lettuce re-subscribed a train's shard channel on a new connection (Redis Cluster): a change published before
	 * Redis took it reached no one, so the waiters answer 503 and their clients' next polls are heard.
	 */
	@Override
	public void resubscribed(String channel) {
		failAll("subscription of " + channel + " made again", null);
	}

	/** Redis went away: no update can arrive, so every waiting poll answers with {@code failure} (a 503) now. */
	void failAll(String reason, Throwable cause) {
		if (!waiters.isEmpty()) {
			log.warn("Redis {}: {} waiting long poll(s) answer 503", reason, waiting.get());
		}
		ApiException unavailable = ApiException.unavailable("Redis", cause);
		waiters.values().forEach(set -> set.forEach(waiter -> waiter.next().completeExceptionally(unavailable)));
	}

	@Override
	public void start() {
		running = true;
	}

	/**
	 * At shutdown, before the web server drains its requests: every waiter answers 204 at once, so
	 * a graceful shutdown does not wait out long polls.
	 */
	@Override
	public void stop() {
		running = false;
		waiters.values().forEach(set -> set.forEach(waiter -> waiter.next().complete(null)));
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
