package lab.c10k.service.updates;

import lab.c10k.common.redis.RedisKeys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * One pattern subscription per instance serves every waiting request of every train: the number of
 * Redis connections does not grow with the number of waiters.
 */
@Configuration(proxyBeanMethods = false)
class UpdatesSubscription {

	@Bean
	RedisMessageListenerContainer updatesListenerContainer(RedisConnectionFactory redis, UpdateWaiters waiters,
			RedisKeys keys) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(redis);
		// SubscriptionStarter starts it, so that a Redis outage cannot keep the whole service from starting.
		container.setAutoStartup(false);
		// Dispatch on the subscription's own thread: the listener only completes futures.
		container.setTaskExecutor(new SyncTaskExecutor());
		container.addMessageListener(waiters, new PatternTopic(keys.updatesPattern()));
		// Heard, not handled: its arrival keeps the subscription's connection reading, which is how a deaf
		// subscription is told from a quiet one (SilentConnectionCloser).
		container.addMessageListener((heartbeat, pattern) -> {
		}, new ChannelTopic(keys.heartbeatChannel()));
		return container;
	}

}
