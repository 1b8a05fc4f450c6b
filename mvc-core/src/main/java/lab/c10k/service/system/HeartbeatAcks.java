package lab.c10k.service.system;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When this instance last sent a heartbeat that Redis then acknowledged: from then on its subscription has something
 * to hear. An instance too busy to publish on time acknowledges nothing, so its quiet subscription is not taken for a
 * deaf one. The time is the send's, not the acknowledgement's: the publisher's thread may read its reply seconds late
 * (a virtual thread behind thousands of runnable ones on one carrier, as at C10K), long after the subscription heard
 * the message, and that heartbeat must not look unheard.
 */
public final class HeartbeatAcks {

	private final AtomicLong lastNanos = new AtomicLong(System.nanoTime());

	/** {@code sentAtNanos}: {@link System#nanoTime()} just before the heartbeat was published. */
	public void acknowledged(long sentAtNanos) {
		lastNanos.accumulateAndGet(sentAtNanos, Math::max);
	}

	long lastNanos() {
		return lastNanos.get();
	}

}
