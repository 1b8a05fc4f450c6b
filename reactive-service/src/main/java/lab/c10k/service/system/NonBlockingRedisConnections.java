package lab.c10k.service.system;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.ReactiveRedisClusterConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Spring Data Redis opens Lettuce's shared connection synchronously, on whichever thread first asks
 * for a connection, and then keeps it (Lettuce reconnects it by itself). That thread must never be an
 * event loop. Until the shared connection exists, this factory refuses at once, which the service
 * answers as Redis being unavailable, and has it opened where blocking is allowed.
 */
final class NonBlockingRedisConnections implements ReactiveRedisConnectionFactory {

	private static final Logger log = LoggerFactory.getLogger(NonBlockingRedisConnections.class);

	private final LettuceConnectionFactory lettuce;

	private final AtomicBoolean opening = new AtomicBoolean();

	private volatile boolean open;

	/** Made while the context starts: the shared connection is opened there, on the starting thread, when it can be. */
	NonBlockingRedisConnections(LettuceConnectionFactory lettuce) {
		this.lettuce = lettuce;
		openNow();
	}

	private boolean openNow() {
		try {
			lettuce.getReactiveConnection();
			open = true;
		}
		catch (RedisConnectionFailureException redisAway) {
			log.warn("Redis not reachable yet, retrying in the background: {}", redisAway.toString());
		}
		return open;
	}

	/** On a Redis Cluster ({@code spring.data.redis.cluster.nodes}) Lettuce's factory answers a cluster connection. */
	@Override
	public ReactiveRedisConnection getReactiveConnection() {
		requireOpen();
		return lettuce.getReactiveConnection();
	}

	private void requireOpen() {
		if (!open) {
			openInBackground();
			throw new RedisConnectionFailureException("Redis is not connected yet");
		}
	}

	private void openInBackground() {
		if (opening.compareAndSet(false, true)) {
			Mono.fromCallable(this::openNow)
				.subscribeOn(Schedulers.boundedElastic())
				.doFinally(signal -> opening.set(false))
				.subscribe();
		}
	}

	@Override
	public ReactiveRedisClusterConnection getReactiveClusterConnection() {
		requireOpen();
		return lettuce.getReactiveClusterConnection();
	}

	@Override
	public DataAccessException translateExceptionIfPossible(RuntimeException ex) {
		return lettuce.translateExceptionIfPossible(ex);
	}

}
