package lab.c10k.service.updates;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import lab.c10k.common.api.TrainUpdate;
import lab.c10k.common.redis.RedisKeys;
import lab.c10k.common.redis.UpdateMessages;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The long-poll waiters of this instance, woken by one Redis pub/sub subscription. In this model no
 * thread waits: a waiting request is a sink in a map and a timer, and its connection stays open on
 * the event loop until the sink or the timer fires.
 */
@Component
class UpdateWaiters implements SmartLifecycle {

	private final ConcurrentHashMap<Long, Set<Sinks.One<TrainUpdate>>> waiters = new ConcurrentHashMap<>();

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

	/** The train's next update, or empty when the wait passes first; registered once subscribed. */
	Mono<TrainUpdate> await(long trainId, Duration wait) {
		return Mono.defer(() -> {
			Sinks.One<TrainUpdate> waiter = Sinks.one();
			// compute, not computeIfAbsent + add: a set emptied and removed meanwhile must not swallow the waiter.
			waiters.compute(trainId, (id, set) -> {
				Set<Sinks.One<TrainUpdate>> live = set != null ? set : ConcurrentHashMap.newKeySet();
				live.add(waiter);
				return live;
			});
			peak.accumulateAndGet(waiting.incrementAndGet(), Math::max);
			if (!running) {
				waiter.tryEmitEmpty();
			}
			return waiter.asMono().timeout(wait, Mono.empty()).doFinally(signal -> {
				waiting.decrementAndGet();
				waiters.computeIfPresent(trainId, (id, set) -> {
					set.remove(waiter);
					return set.isEmpty() ? null : set;
				});
			});
		});
	}

	/** Runs on the subscription's I/O thread: emitting into sinks is all it does, it never blocks. */
	void onMessage(String channel, String payload) {
		long trainId = keys.trainIdOfChannel(channel);
		Set<Sinks.One<TrainUpdate>> set = waiters.get(trainId);
		if (set != null) {
			TrainUpdate update = UpdateMessages.parse(trainId, payload);
			set.forEach(waiter -> waiter.tryEmitValue(update));
		}
	}

	/** Redis went away: no update can arrive, so every waiting poll answers with {@code failure} (a 503) now. */
	void failAll(Throwable failure) {
		waiters.values().forEach(set -> set.forEach(waiter -> waiter.tryEmitError(failure)));
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
		waiters.values().forEach(set -> set.forEach(Sinks.One::tryEmitEmpty));
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
