package lab.c10k.service.updates;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.lettuce.core.cluster.RedisClusterClient;
import lab.c10k.common.redis.RedisKeys;
import lab.c10k.common.updates.ShardedSubscription;
import lab.c10k.common.updates.TrainSubscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.stereotype.Component;

/**
 * One pattern subscription per instance serves every waiting request of every train: the number of
 * Redis connections does not grow with the number of waiters. It also hears the heartbeat that
 * {@link RedisLinkWatcher} publishes: a subscription that stops hearing it has gone deaf, which no
 * other sign shows while nothing is sold. Lettuce reconnects and re-subscribes by itself.
 * <p>
 * That is on one Redis, and what the benchmarks measure. On a Redis Cluster ({@code spring.data.redis.cluster.nodes})
 * common's {@link ShardedSubscription} serves instead: a shard channel per train with waiters, and a heartbeat per
 * master, so that a sale costs the one node that owns its train's slot.
 */
@Component
class UpdatesSubscription implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(UpdatesSubscription.class);

	private final ReactiveStringRedisTemplate redis;

	private final UpdateWaiters waiters;

	private final RedisKeys keys;

	private final long deafAfterNanos;

	/** How long {@link #start()} waits for the first attempt to subscribe. */
	private final Duration firstAttemptBound;

	/** Counted down by the first attempt's outcome: subscribed, or failed. */
	private volatile CountDownLatch firstAttempt = new CountDownLatch(1);

	private final AtomicBoolean subscribed = new AtomicBoolean();

	private volatile long lastHeard;

	private volatile ReactiveRedisMessageListenerContainer container;

	private volatile Disposable running;

	/** Null on one Redis. */
	private final ShardedSubscription sharded;

	UpdatesSubscription(ReactiveStringRedisTemplate redis, LettuceConnectionFactory factory, UpdateWaiters waiters,
			RedisKeys keys, @Value("${spring.data.redis.timeout:60s}") Duration commandTimeout) {
		this.sharded = factory.isClusterAware()
				? new ShardedSubscription((RedisClusterClient) factory.getRequiredNativeClient(), keys, commandTimeout,
						waiters)
				: null;
		this.redis = redis;
		this.waiters = waiters;
		this.keys = keys;
		// Twice the bound: a heartbeat delayed by load is no outage; a frozen link fails the heartbeat's own PUBLISH first.
		this.deafAfterNanos = 2 * commandTimeout.toNanos();
		this.firstAttemptBound = commandTimeout;
	}

	/** Subscribed, and hearing the heartbeat. */
	boolean isListening() {
		return subscribed() && !deaf();
	}

	/** Subscribed, yet nothing heard, not even the heartbeat ({@link RedisLinkWatcher}), for twice a command's bound. */
	boolean isDeaf() {
		return subscribed() && deaf();
	}

	private boolean subscribed() {
		return sharded != null ? sharded.isListening() : subscribed.get();
	}

	/** On a cluster, by the quietest master's connection: each hears a heartbeat of its own. */
	private boolean deaf() {
		long heard = sharded != null ? sharded.quietestSinceNanos() : lastHeard;
		return System.nanoTime() - heard > deafAfterNanos;
	}

	/** Publishes the heartbeat the subscription must hear; completes once Redis took it. */
	Mono<Void> heartbeat() {
		if (sharded == null) {
			return redis.convertAndSend(keys.heartbeatChannel(), "").then();
		}
		// Off the timer's thread: taking up a master reads the cluster's topology, which blocks until it is known.
		return Mono.fromFuture(sharded::heartbeat).subscribeOn(Schedulers.boundedElastic());
	}

	/** What a poll joins before it reads its train's version: its shard channel on a cluster, nothing on one Redis. */
	TrainSubscriptions trains() {
		return sharded != null ? sharded : TrainSubscriptions.PATTERN;
	}

	/**
	 * Subscribes, and waits (on the starting thread, never an event loop) for the first attempt's
	 * outcome, as the other two services' container does: the subscription is made asynchronously, on
	 * a pub/sub connection of its own, and an instance that reported itself started before it listened
	 * would answer its first long polls 503 although Redis is up. While Redis cannot be reached the
	 * first attempt fails at once (or within a command's bound), and the start goes on without it:
	 * the subscription keeps being retried in the background.
	 */
	@Override
	public void start() {
		if (sharded != null) {
			startSharded();
			return;
		}
		CountDownLatch attempt = new CountDownLatch(1);
		firstAttempt = attempt;
		lastHeard = System.nanoTime();
		running = messages().subscribe();
		try {
			if (!attempt.await(firstAttemptBound.toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("Updates subscription not listening after {}, still trying in the background", firstAttemptBound);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Like the pattern subscription's start; what fails is taken up again by each heartbeat. */
	private void startSharded() {
		running = Disposables.single();
		try {
			sharded.connect().get(firstAttemptBound.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			log.warn("Updates subscription not listening, still trying in the background: {}", ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The container is made from the service's Redis factory, which refuses at once while Redis has
	 * never been reached: so is the subscription, and it is tried again until Redis answers.
	 */
	private Flux<?> messages() {
		String heartbeatChannel = keys.heartbeatChannel();
		SerializationPair<String> text = SerializationPair.fromSerializer(RedisSerializer.string());
		return Mono.fromCallable(this::container)
			.flatMap(listener -> listener.receiveLater(
					List.of(new PatternTopic(keys.updatesPattern()), new ChannelTopic(heartbeatChannel)), text, text))
			.doOnNext(ready -> {
				lastHeard = System.nanoTime();
				subscribed.set(true);
				firstAttempt.countDown();
			})
			.flatMapMany(Function.identity())
			.doOnNext(message -> {
				lastHeard = System.nanoTime();
				if (!heartbeatChannel.equals(message.getChannel())) {
					waiters.message(message.getChannel(), message.getMessage());
				}
			})
			.doOnError(ex -> {
				firstAttempt.countDown();
				subscribed.set(false);
				discardContainer();
				log.warn("Updates subscription not listening, retrying: {}", ex.toString());
			})
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(1)));
	}

	/** A container whose subscription failed may hold a broken connection: the next attempt starts afresh. */
	private void discardContainer() {
		ReactiveRedisMessageListenerContainer failed = container;
		container = null;
		if (failed != null) {
			failed.destroyLater().subscribe(null, ex -> log.debug("Discarding a container: {}", ex.toString()));
		}
	}

	private ReactiveRedisMessageListenerContainer container() {
		if (container == null) {
			container = new ReactiveRedisMessageListenerContainer(redis.getConnectionFactory());
		}
		return container;
	}

	@Override
	public void stop(Runnable callback) {
		if (sharded != null) {
			running.dispose();
			sharded.close();
			callback.run();
			return;
		}
		firstAttempt.countDown();
		running.dispose();
		subscribed.set(false);
		ReactiveRedisMessageListenerContainer listener = container;
		(listener == null ? Mono.<Void>empty() : listener.destroyLater())
			.doFinally(signal -> callback.run())
			.subscribe(null, ex -> log.debug("Closing the updates subscription: {}", ex.toString()));
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	@Override
	public boolean isRunning() {
		return running != null && !running.isDisposed();
	}

	/** Before the web server starts, after it stops. */
	@Override
	public int getPhase() {
		return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
	}

}
