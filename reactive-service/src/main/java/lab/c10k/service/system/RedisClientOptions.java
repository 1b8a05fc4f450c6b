package lab.c10k.service.system;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * How the service talks to Redis: it fails fast while Redis is away, comes back by itself, and never
 * connects on an event loop.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientOptions {

	/** The longest pause between two attempts to reconnect. */
	private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

	/**
	 * Lettuce's default queues commands while it reconnects, so during an outage every request would
	 * wait out the full command timeout. Rejecting them at once makes a Redis outage a fast 503;
	 * reconnection still happens in the background and the service recovers by itself.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
		return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	/** Lettuce backs off reconnecting up to 30 s: a service would stay down long after Redis is back. */
	@Bean
	ClientResourcesBuilderCustomizer reconnectSoon() {
		return resources -> resources
			.reconnectDelay(Delay.exponential(Duration.ZERO, MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS));
	}

	/** Every Redis command of the service, its subscription included, goes through {@link NonBlockingRedisConnections}. */
	@Bean
	ReactiveStringRedisTemplate reactiveStringRedisTemplate(LettuceConnectionFactory lettuce) {
		return new ReactiveStringRedisTemplate(new NonBlockingRedisConnections(lettuce));
	}

}
