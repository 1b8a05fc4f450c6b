package lab.c10k.service.trains;

import lab.c10k.common.api.CachedTrain;
import lab.c10k.common.api.Train;
import lab.c10k.common.redis.CachedTrainRead;
import lab.c10k.common.redis.RedisKeys;
import lab.c10k.service.system.C10kProperties;
import lab.c10k.service.system.Outages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Cache-aside for the fields of a train that never change. A cache that cannot be reached, or that
 * is slower than {@code c10k.redis.train-cache-timeout}, is a miss, not a failure: train reads fall
 * back to MySQL while Redis is away or frozen, and a frozen Redis costs a request that bound, not a
 * full command timeout before the command that matters (the seat) has even been sent.
 */
@Component
class TrainCache {

	private static final Logger log = LoggerFactory.getLogger(TrainCache.class);

	private final ReactiveStringRedisTemplate redis;

	private final RedisKeys keys;

	private final JsonMapper json;

	private final C10kProperties properties;

	TrainCache(ReactiveStringRedisTemplate redis, RedisKeys keys, JsonMapper json, C10kProperties properties) {
		this.redis = redis;
		this.keys = keys;
		this.json = json;
		this.properties = properties;
	}

	Mono<CachedTrain> get(long id) {
		return redis.opsForValue().get(keys.cachedTrain(id))
			.map(text -> json.readValue(text, CachedTrain.class))
			.timeout(properties.redis().trainCacheTimeout())
			.onErrorResume(Outages::isOutage, TrainCache::ignoreOutage);
	}

	/**
	 * The train with its live stock in one round trip; empty when Redis lacks either. Unlike {@link #get} it lets an
	 * outage through, a cache slower than its bound included: the caller then answers from MySQL alone instead of
	 * asking Redis again.
	 */
	Mono<Train> withStock(long id) {
		return redis.opsForValue().multiGet(CachedTrainRead.keys(keys, id))
			.mapNotNull(values -> CachedTrainRead.train(values, json))
			.timeout(properties.redis().trainCacheTimeout());
	}

	Mono<Void> put(CachedTrain train) {
		return redis.opsForValue()
			.set(keys.cachedTrain(train.id()), json.writeValueAsString(train), properties.redis().trainCacheTtl())
			.then()
			.timeout(properties.redis().trainCacheTimeout())
			.onErrorResume(Outages::isOutage, TrainCache::ignoreOutage);
	}

	private static <T> Mono<T> ignoreOutage(Throwable ex) {
		log.debug("Train cache unavailable, reading MySQL: {}", ex.toString());
		return Mono.empty();
	}

}
