package lab.c10k.common.redis;

import java.time.Instant;

import lab.c10k.common.api.TrainUpdate;
import lab.c10k.common.updates.StockChange;

/** Reads what settle.lua publishes on a train's channel: {@code "<remaining>:<epoch millis>:<version>"}. */
public final class UpdateMessages {

	private UpdateMessages() {
	}

	public static StockChange parse(long trainId, String payload) {
		int first = payload.indexOf(':');
		int second = payload.indexOf(':', first + 1);
		TrainUpdate update = new TrainUpdate(trainId, Long.parseLong(payload.substring(0, first)),
				Instant.ofEpochMilli(Long.parseLong(payload.substring(first + 1, second))));
		return new StockChange(update, Long.parseLong(payload.substring(second + 1)));
	}

	/** A train's version as {@link RedisKeys#version} stores it; a train that has none yet is at 0. */
	public static long version(String stored) {
		return stored == null || stored.isEmpty() ? 0 : Long.parseLong(stored);
	}

}
