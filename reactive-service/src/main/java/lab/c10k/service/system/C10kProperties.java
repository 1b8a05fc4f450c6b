package lab.c10k.service.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The project's own settings. {@code model} is what {@code X-Concurrency-Model} and
 * {@code /api/ping} report. {@code transport} and {@code eventLoopThreads} are the event loop this
 * model runs on; {@code mysql.timeout} bounds every MySQL operation, a transaction's commit included,
 * because a reactive driver has no socket timeout that would end a hung statement for us.
 */
@ConfigurationProperties("c10k")
public record C10kProperties(String model, @DefaultValue("epoll") Transport transport,
		@DefaultValue("4") int eventLoopThreads, @DefaultValue Redis redis, @DefaultValue Mysql mysql) {

	/**
	 * {@code trainCacheTimeout}: how long a train-cache read or write may take before it counts as a
	 * miss (the cache must never cost more than the MySQL read it saves); {@code retryInterval}: how
	 * often a stock change that Redis refused is sent again; {@code heartbeatInterval}: how often the
	 * instance publishes the heartbeat its subscription must hear.
	 */
	public record Redis(@DefaultValue("c10k:") String keyPrefix, @DefaultValue("60s") Duration trainCacheTtl,
			@DefaultValue("250ms") Duration trainCacheTimeout, @DefaultValue("500ms") Duration retryInterval,
			@DefaultValue("500ms") Duration heartbeatInterval) {
	}

	public record Mysql(@DefaultValue("5s") Duration timeout) {
	}

}
