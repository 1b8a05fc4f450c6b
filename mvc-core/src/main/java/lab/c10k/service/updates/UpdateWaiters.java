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

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import lab.c10k.common.api.TrainUpdate;
import lab.c10k.common.problem.ApiException;
import lab.c10k.common.redis.RedisKeys;
import lab.c10k.common.redis.UpdateMessages;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.stereotype.Component;

/**
 * The long-poll waiters of this instance, woken by one Redis pub/sub subscription. In this model
 * the request's thread itself waits ({@link #await}): a platform thread per waiting request under
 * Tomcat's pool, a parked virtual thread under virtual threads.
 */
@Component
class UpdateWaiters implements MessageListener, SmartLifecycle {

	private final ConcurrentHashMap<Long, Set<CompletableFuture<TrainUpdate>>> waiters = new ConcurrentHashMap<>();

	private final AtomicInteger waiting = new AtomicInteger();

	private final AtomicInteger peak = new AtomicInteger();

	private final RedisKeys keys;

	private volatile boolean running;

	UpdateWaiters(RedisKeys keys, MeterRegistry meters) {
		this.keys = keys;
		Gauge.builder("c10k.longpoll.waiting", waiting, AtomicInteger::get)
			.description("Long polls waiting for a stock change right now")
			.register(meters);
		Gauge.builder("c10k.longpoll.waiting.peak", peak, AtomicInteger::get)
			.description("Most long polls that waited at once since start")
			.register(meters);
	}

	/** Blocks the calling thread until the train's stock changes or the wait passes (empty). */
	Optional<TrainUpdate> await(long trainId, Duration wait) {
		CompletableFuture<TrainUpdate> waiter = new CompletableFuture<>();
		// Added inside compute: a set emptied and removed by another request's finally cannot swallow it.
		waiters.compute(trainId, (id, set) -> {
			Set<CompletableFuture<TrainUpdate>> live = set != null ? set : ConcurrentHashMap.newKeySet();
			live.add(waiter);
			return live;
		});
		peak.accumulateAndGet(waiting.incrementAndGet(), Math::max);
		try {
			if (!running) {
				return Optional.empty();
			}
			return Optional.ofNullable(waiter.get(wait.toMillis(), TimeUnit.MILLISECONDS));
		}
		catch (TimeoutException ex) {
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
			waiting.decrementAndGet();
			waiters.computeIfPresent(trainId, (id, set) -> {
				set.remove(waiter);
				return set.isEmpty() ? null : set;
			});
		}
	}

	/** Runs on the subscription's I/O thread: completing a future is all it does, it never blocks. */
	@Override
	public void onMessage(Message message, byte[] pattern) {
		long trainId = keys.trainIdOfChannel(new String(message.getChannel(), StandardCharsets.UTF_8));
		Set<CompletableFuture<TrainUpdate>> set = waiters.get(trainId);
		if (set != null) {
			TrainUpdate update = UpdateMessages.parse(trainId, new String(message.getBody(), StandardCharsets.UTF_8));
			set.forEach(waiter -> waiter.complete(update));
		}
	}

	/** The subscription lost Redis: no change can reach the waiters, so each answers 503 now. */
	void failAll(Throwable cause) {
		waiters.values().forEach(set -> set.forEach(waiter -> waiter.completeExceptionally(cause)));
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
		waiters.values().forEach(set -> set.forEach(waiter -> waiter.complete(null)));
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
