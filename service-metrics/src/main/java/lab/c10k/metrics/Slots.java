package lab.c10k.metrics;

import java.util.concurrent.atomic.AtomicInteger;

/** A count that never passes its bound, however many ask at once: the one rule behind every admission bound here. */
final class Slots {

	private final int max;

	private final AtomicInteger taken = new AtomicInteger();

	Slots(String property, int max) {
		if (max < 1) {
			throw new IllegalArgumentException(property + " must be at least 1, not " + max);
		}
		this.max = max;
	}

	/** True when a slot was free; the caller must then {@link #release()} it exactly once. */
	boolean tryTake() {
		for (int now = taken.get(); now < max; now = taken.get()) {
			if (taken.compareAndSet(now, now + 1)) {
				return true;
			}
		}
		return false;
	}

	void release() {
		taken.decrementAndGet();
	}

	int taken() {
		return taken.get();
	}

	int max() {
		return max;
	}

}
