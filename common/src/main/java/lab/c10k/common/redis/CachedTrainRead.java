package lab.c10k.common.redis;

import java.util.List;

import lab.c10k.common.api.CachedTrain;
import lab.c10k.common.api.Train;
import tools.jackson.databind.json.JsonMapper;

/**
 * A train read in one Redis round trip: its cached fields and its live stock share the train's hash tag, so one
 * {@code MGET} brings both, also from a cluster. Read one after the other they cost two round trips, the larger
 * part of a cached {@code GET /api/trains/{id}} (docs/performance.md, "Throughput").
 */
public final class CachedTrainRead {

	private CachedTrainRead() {
	}

	/** The keys to {@code MGET}, in the order {@link #train} reads their values. */
	public static List<String> keys(RedisKeys keys, long trainId) {
		return List.of(keys.cachedTrain(trainId), keys.stock(trainId));
	}

	/** The train with its live stock, or null when Redis holds either no cached fields or no stock for it. */
	public static Train train(List<String> values, JsonMapper json) {
		if (values == null || values.size() != 2 || values.get(0) == null || values.get(1) == null) {
			return null;
		}
		return json.readValue(values.get(0), CachedTrain.class).withRemaining(Long.parseLong(values.get(1)));
	}

}
