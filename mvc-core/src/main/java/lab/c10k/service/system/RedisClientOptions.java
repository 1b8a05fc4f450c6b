package lab.c10k.service.system;

import io.lettuce.core.ClientOptions;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lettuce's default queues commands while it reconnects, so during an outage every request would
 * wait out the full command timeout. Rejecting them at once makes a Redis outage a fast 503;
 * reconnection still happens in the background and the service recovers by itself.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientOptions {

	@Bean
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
		return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

}
