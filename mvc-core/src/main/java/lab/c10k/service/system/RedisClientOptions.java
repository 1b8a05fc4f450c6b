package lab.c10k.service.system;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the service behaves while Redis is away: it fails fast and comes back by itself. Lettuce's defaults do neither:
 * they queue commands while reconnecting (every request waits out the full timeout), keep a connection that stopped
 * answering, and back off reconnecting up to 30 s (so a service would stay down long after Redis is back).
 */
@Configuration(proxyBeanMethods = false)
class RedisClientOptions {

	/** The longest pause between two attempts to reconnect. */
	private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

	@Bean
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
		return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	@Bean
	HeartbeatAcks heartbeatAcks() {
		return new HeartbeatAcks();
	}

	@Bean
	ClientResourcesBuilderCustomizer closeSilentConnectionsAndReconnectSoon(
			@Value("${spring.data.redis.timeout:60s}") Duration commandTimeout, HeartbeatAcks heartbeats) {
		return resources -> resources
			.reconnectDelay(Delay.exponential(Duration.ZERO, MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
			.nettyCustomizer(new NettyCustomizer() {

				@Override
				public void afterChannelInitialized(Channel channel) {
					channel.pipeline().addFirst(new SilentConnectionCloser(commandTimeout, heartbeats));
				}

			});
	}

}
