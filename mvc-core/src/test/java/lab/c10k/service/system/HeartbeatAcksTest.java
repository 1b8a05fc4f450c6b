package lab.c10k.service.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatAcksTest {

	private final HeartbeatAcks acks = new HeartbeatAcks();

	@Test
	void aHeartbeatCountsFromWhenItWasSentNotFromWhenItsReplyWasRead() {
		long sent = System.nanoTime() + 1_000;

		acks.acknowledged(sent);

		assertThat(acks.lastNanos()).isEqualTo(sent);
	}

	@Test
	void aLateAcknowledgementOfAnEarlierHeartbeatDoesNotMoveTheTimeBack() {
		long first = System.nanoTime() + 1_000;
		long second = first + 500_000_000L;

		acks.acknowledged(second);
		acks.acknowledged(first);

		assertThat(acks.lastNanos()).isEqualTo(second);
	}

}
