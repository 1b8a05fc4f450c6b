package lab.c10k.service.updates;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

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

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.stereotype.Component;

/**
 * The long-poll waiters of this instance, woken by one Redis pub/sub subscription: the pattern one on one Redis, the
 * sharded one on a Redis Cluster ({@link UpdatesListening}). In this model
 * the request's thread itself waits ({@link #await}): a platform thread per waiting request under
 * Tomcat's pool, a parked virtual thread under virtual threads.
 */
@Component
class UpdateWaiters implements MessageListener, SubscriptionListener, ShardedSubscription.Listener, SmartLifecycle {

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
	 * Blocks the calling thread until the train's stock changes or the wait passes (empty). {@code version} reads the
	 * train's version from Redis: a change counts only when made after that read, which waits until
	 * {@code subscriptions} hears the train (at once under the pattern subscription; a shard channel's SSUBSCRIBE
	 * confirmed on a Redis Cluster), so that no change falls between the two.
	 */
	Optional<TrainUpdate> await(long trainId, Duration wait, TrainSubscriptions subscriptions, LongSupplier version) {
		UpdateWaiter waiter = new UpdateWaiter();
		// Added inside compute: a set emptied and removed by another request's finally cannot swallow it.
		waiters.compute(trainId, (id, set) -> {
			Set<UpdateWaiter> live = set != null ? set : ConcurrentHashMap.newKeySet();
			live.add(waiter);
			return live;
		});
		boolean counted = false;
		boolean joined = false;
		try {
			CompletableFuture<Void> heard = subscriptions.join(trainId);
			joined = true;
			heard.get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
			// Heard from here on; only now does it count as waiting: a change made after the gauge shows it wakes it.
			waiter.arrivedAt(version.getAsLong());
			peak.accumulateAndGet(waiting.incrementAndGet(), Math::max);
			counted = true;
			if (!running) {
				return Optional.empty();
			}
			return Optional.ofNullable(waiter.next().get(wait.toMillis(), TimeUnit.MILLISECONDS));
		}
		catch (TimeoutException ex) {
			if (!counted) {
				// The train's subscription was not confirmed within a command's bound.
				throw ApiException.unavailable("Redis", ex);
			}
			return Optional.empty();
		}
		catch (ExecutionException ex) {
			throw ApiException.unavailable("Redis", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ApiException.unavailable("The service", ex);
		}
		finally {
			if (joined) {
				subscriptions.leave(trainId);
			}
			if (counted) {
				waiting.decrementAndGet();
			}
			waiters.computeIfPresent(trainId, (id, set) -> {
				set.remove(waiter);
				return set.isEmpty() ? null : set;
			});
		}
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		message(new String(message.getChannel(), StandardCharsets.UTF_8),
				new String(message.getBody(), StandardCharsets.UTF_8));
	}

	/** Runs on the subscription's I/O thread: completing a future is all it does, it never blocks. */
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
	 * Redis confirmed the subscription: at start, and each time Lettuce re-subscribes on a new connection. The
	 * container still reports itself listening while Lettuce reconnects, so a poll may have registered, and a change
	 * been published, before Redis took the new subscription: that change reached no one, and the poll would wait
	 * it out (seen after a partition: a poll not woken by a sale). Each such waiter answers 503, and its client's
	 * next poll is heard.
	 */
	@Override
	public void onPatternSubscribed(byte[] pattern, long count) {
		failAll("subscription made again", null);
	}

	/** The same on a Redis Cluster, for one train's shard channel, which Lettuce re-subscribed after a reconnect. */
	@Override
	public void resubscribed(String channel) {
		failAll("subscription of " + channel + " made again", null);
	}

	/** The subscription lost Redis: no change can reach the waiters, so each answers 503 now. */
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
