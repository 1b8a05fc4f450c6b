package lab.c10k.metrics;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestDrainTest {

	private final AtomicInteger inFlight = new AtomicInteger();

	private final RequestDrain drain = new RequestDrain("request(s) in this test", inFlight::get, 7) {
	};

	@Test
	void theShutdownGoesOnOnlyOnceNothingIsInFlight() throws InterruptedException {
		drain.start();
		inFlight.set(2);
		CountDownLatch stopped = new CountDownLatch(1);

		drain.stop(stopped::countDown);

		assertThat(drain.isRunning()).isFalse();
		assertThat(stopped.await(200, TimeUnit.MILLISECONDS)).as("the phase ended with requests in flight").isFalse();
		inFlight.set(1);
		assertThat(stopped.await(200, TimeUnit.MILLISECONDS)).as("the phase ended with a request in flight").isFalse();
		inFlight.set(0);
		assertThat(stopped.await(10, TimeUnit.SECONDS)).as("the phase ended once none was left").isTrue();
	}

	@Test
	void nothingInFlightEndsThePhaseAtOnceInItsOwnPhase() throws InterruptedException {
		CountDownLatch stopped = new CountDownLatch(1);

		drain.stop(stopped::countDown);

		assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(drain.getPhase()).isEqualTo(7);
	}

}
