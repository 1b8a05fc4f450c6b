package lab.c10k.common.updates;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import lab.c10k.common.api.TrainUpdate;

/**
 * One waiting long poll, woken by the first change of its train made after it arrived. Which changes
 * those are is decided by the train's version, not by timing: a PUBLISH returns to the seller before
 * Redis delivers the message on the subscription's own connection, so a poll sent right after a sale
 * can hear that sale's message after it registered.
 * <p>
 * A poll registers first and reads the version ({@link #arrivedAt}) second, so that no change can fall
 * unheard between the two; what it hears before it knows the version is held until then. The service
 * hears changes on its subscription's thread ({@link #heard}) and waits on {@link #next()} its own way.
 */
public final class UpdateWaiter {

	private final CompletableFuture<TrainUpdate> next = new CompletableFuture<>();

	/** Guarded by this: the version when the poll arrived, null until it is known. */
	private Long arrivedAt;

	/** Guarded by this: changes heard before the version was known, in the order published. */
	private List<StockChange> heardEarly;

	/** The first later change; completed with null when the poll ends without one (shutdown). */
	public CompletableFuture<TrainUpdate> next() {
		return next;
	}

	/** The train's version when the poll arrived: only a higher one wakes it. */
	public void arrivedAt(long version) {
		StockChange first = null;
		synchronized (this) {
			arrivedAt = version;
			if (heardEarly != null) {
				first = heardEarly.stream().filter(change -> change.version() > version).findFirst().orElse(null);
				heardEarly = null;
			}
		}
		if (first != null) {
			next.complete(first.update());
		}
	}

	/** A change published on the poll's train; wakes it when made after the poll arrived. */
	public void heard(StockChange change) {
		synchronized (this) {
			if (arrivedAt == null) {
				if (heardEarly == null) {
					heardEarly = new ArrayList<>(2);
				}
				heardEarly.add(change);
				return;
			}
			if (change.version() <= arrivedAt) {
				return;
			}
		}
		next.complete(change.update());
	}

}
