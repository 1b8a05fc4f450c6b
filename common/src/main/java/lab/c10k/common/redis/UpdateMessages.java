package lab.c10k.common.redis;

import java.time.Instant;

import lab.c10k.common.api.TrainUpdate;

/** Reads what settle.lua publishes on a train's channel: {@code "<remaining>:<epoch millis>"}. */
public final class UpdateMessages {

	private UpdateMessages() {
	}

	public static TrainUpdate parse(long trainId, String payload) {
		int colon = payload.indexOf(':');
		return new TrainUpdate(trainId, Long.parseLong(payload.substring(0, colon)),
				Instant.ofEpochMilli(Long.parseLong(payload.substring(colon + 1))));
	}

}
