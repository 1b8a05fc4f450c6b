package lab.c10k.service.updates;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.RedisClusterClient;
import lab.c10k.common.redis.RedisKeys;
import lab.c10k.common.updates.ShardedSubscription;
import lab.c10k.common.updates.TrainSubscriptions;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The subscription that wakes this instance's long polls. On one Redis, the pattern subscription of
 * {@link UpdatesSubscription}'s container, which hears every train; this is what the benchmarks measure, and it is
 * left as it was. On a Redis Cluster ({@code spring.data.redis.cluster.nodes}), common's {@link ShardedSubscription}:
 * a shard channel per train with waiters, so that a sale costs the one node that owns its train's slot.
 */
@Component
class UpdatesListening {

	private final RedisMessageListenerContainer container;

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final Duration commandTimeout;

	/** Null on one Redis. */
	private final ShardedSubscription sharded;

	UpdatesListening(LettuceConnectionFactory factory, RedisMessageListenerContainer container, UpdateWaiters waiters,
			StringRedisTemplate redis, RedisKeys keys, @Value("${spring.data.redis.timeout:60s}") Duration commandTimeout) {
		this.container = container;
		this.redis = redis;
		this.keys = keys;
		this.commandTimeout = commandTimeout;
		this.sharded = factory.isClusterAware()
				? new ShardedSubscription((RedisClusterClient) factory.getRequiredNativeClient(), keys, commandTimeout,
						waiters)
				: null;
	}

	boolean isListening() {
		return sharded != null ? sharded.isListening() : container.isListening();
	}

	/** Subscribes, or throws, ready to be started again: {@link SubscriptionStarter} tries again. */
	void start() {
		if (sharded != null) {
			// What failed is made again by the next attempt, or by the next heartbeat.
			await(sharded.connect());
			return;
		}
		try {
			container.start();
		}
		catch (RuntimeException ex) {
			container.stop();
			throw ex;
		}
	}

	void stop() {
		if (sharded != null) {
			sharded.close();
		}
		else {
			container.stop();
		}
	}

	/** Publishes the heartbeat the subscription must hear; returns once Redis took it, or throws. */
	void heartbeat() {
		if (sharded != null) {
			await(sharded.heartbeat());
		}
		else {
			redis.convertAndSend(keys.heartbeatChannel(), "");
		}
	}

	/** What a poll joins before it reads its train's version: its shard channel on a cluster, nothing on one Redis. */
	TrainSubscriptions trains() {
		return sharded != null ? sharded : TrainSubscriptions.PATTERN;
	}

	/** Waits at most a command's bound: what Redis did not confirm by then is an outage. */
	void await(CompletableFuture<Void> confirmed) {
		try {
			confirmed.get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw ex.getCause() instanceof RuntimeException runtime ? runtime : new RedisException(ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new RedisException("Redis confirmed nothing within " + commandTimeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisException(ex);
		}
	}

}
