package lab.c10k.service.trains;

import java.util.Optional;

import lab.c10k.common.api.CachedTrain;
import lab.c10k.common.api.Train;
import lab.c10k.common.redis.CachedTrainRead;
import lab.c10k.common.redis.RedisKeys;
import lab.c10k.service.system.C10kProperties;
import lab.c10k.service.system.Outages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Cache-aside for the fields of a train that never change. A cache that cannot be reached is a
 * miss, not a failure: train reads fall back to MySQL while Redis is away.
 */
@Component
class TrainCache {

	private static final Logger log = LoggerFactory.getLogger(TrainCache.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final JsonMapper json;

	private final C10kProperties properties;

	TrainCache(StringRedisTemplate redis, RedisKeys keys, JsonMapper json, C10kProperties properties) {
		this.redis = redis;
		this.keys = keys;
		this.json = json;
		this.properties = properties;
	}

	Optional<CachedTrain> get(long id) {
		try {
			String cached = redis.opsForValue().get(keys.cachedTrain(id));
			return Optional.ofNullable(cached).map(text -> json.readValue(text, CachedTrain.class));
		}
		catch (RuntimeException ex) {
			return ignoreOutage(ex);
		}
	}

	/**
	 * The train with its live stock in one round trip; empty when Redis lacks either. Unlike {@link #get} it lets an
	 * outage through: the caller then answers from MySQL alone instead of asking Redis again.
	 */
	Optional<Train> withStock(long id) {
		return Optional.ofNullable(CachedTrainRead.train(redis.opsForValue().multiGet(CachedTrainRead.keys(keys, id)),
				json));
	}

	void put(CachedTrain train) {
		try {
			redis.opsForValue().set(keys.cachedTrain(train.id()), json.writeValueAsString(train),
					properties.redis().trainCacheTtl());
		}
		catch (RuntimeException ex) {
			ignoreOutage(ex);
		}
	}

	private static <T> Optional<T> ignoreOutage(RuntimeException ex) {
		if (!Outages.isOutage(ex)) {
			throw ex;
		}
		log.debug("Train cache unavailable, reading MySQL: {}", ex.toString());
		return Optional.empty();
	}

}
