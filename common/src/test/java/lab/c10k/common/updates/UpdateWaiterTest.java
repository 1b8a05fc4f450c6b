package lab.c10k.common.updates;

import java.time.Instant;

import lab.c10k.common.api.TrainUpdate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UpdateWaiterTest {

	@Test
	void aChangeAtOrBelowTheVersionOnArrivalDoesNotWake() {
		UpdateWaiter waiter = new UpdateWaiter();
		waiter.arrivedAt(7);

		waiter.heard(change(2, 6));
		waiter.heard(change(1, 7));

		assertThat(waiter.next()).isNotDone();
	}

	@Test
	void theFirstChangeAboveTheVersionOnArrivalWakes() {
		UpdateWaiter waiter = new UpdateWaiter();
		waiter.arrivedAt(7);

		waiter.heard(change(4, 8));
		waiter.heard(change(3, 9));

		assertThat(waiter.next()).isCompletedWithValue(change(4, 8).update());
	}

	@Test
	void aChangeHeardBeforeTheVersionIsKnownCountsOnlyWhenLater() {
		UpdateWaiter waiter = new UpdateWaiter();

		waiter.heard(change(5, 3));
		waiter.heard(change(4, 5));
		waiter.arrivedAt(4);

		assertThat(waiter.next()).isCompletedWithValue(change(4, 5).update());
	}

	@Test
	void changesHeardEarlyAndOlderThanTheArrivalAreDropped() {
		UpdateWaiter waiter = new UpdateWaiter();

		waiter.heard(change(5, 3));
		waiter.arrivedAt(3);
		waiter.heard(change(5, 3));

		assertThat(waiter.next()).isNotDone();
	}

	private static StockChange change(long remaining, long version) {
		return new StockChange(new TrainUpdate(1, remaining, Instant.ofEpochMilli(1_000 + version)), version);
	}

}
