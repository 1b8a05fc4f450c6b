package lab.c10k.service.system;

/**
 * When Redis last acknowledged one of this instance's heartbeats: from then on its subscription has something to hear.
 * An instance too busy to publish on time acknowledges nothing, so its quiet subscription is not taken for a deaf one.
 */
public final class HeartbeatAcks {

	private volatile long lastNanos = System.nanoTime();

	public void acknowledged() {
		lastNanos = System.nanoTime();
	}

	long lastNanos() {
		return lastNanos;
	}

}
