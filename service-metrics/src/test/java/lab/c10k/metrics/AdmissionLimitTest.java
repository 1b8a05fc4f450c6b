package lab.c10k.metrics;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AdmissionLimitTest {

	private final MeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void admitsUpToTheBoundThenRefusesUntilOneLeaves() {
		AdmissionLimit limit = bound(2);

		assertThat(limit.tryEnter()).isTrue();
		assertThat(limit.tryEnter()).isTrue();
		assertThat(limit.tryEnter()).as("a third at once").isFalse();
		limit.leave();
		assertThat(limit.tryEnter()).as("after one left").isTrue();

		assertThat(meters.get(AdmissionLimit.IN_FLIGHT).gauge().value()).isEqualTo(2);
		assertThat(meters.get(AdmissionLimit.LIMIT).gauge().value()).isEqualTo(2);
		assertThat(meters.get(AdmissionLimit.REFUSED).counter().count()).isEqualTo(1);
	}

	@Test
	void neverAdmitsMoreThanTheBoundWhenManyAskAtOnce() throws InterruptedException {
		AdmissionLimit limit = bound(8);
		AtomicInteger admitted = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		CountDownLatch start = new CountDownLatch(1);
		try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
			for (int i = 0; i < 16; i++) {
				threads.submit(() -> {
					start.await();
					for (int round = 0; round < 10_000; round++) {
						if (limit.tryEnter()) {
							most.accumulateAndGet(admitted.incrementAndGet(), Math::max);
							admitted.decrementAndGet();
							limit.leave();
						}
					}
					return null;
				});
			}
			start.countDown();
		}
		assertThat(most.get()).isBetween(1, 8);
		assertThat(limit.inFlight()).isZero();
	}

	@Test
	void longPollsAndTheActuatorDoNotCount() {
		assertThat(AdmissionLimit.counts("/api/trains/7/tickets")).isTrue();
		assertThat(AdmissionLimit.counts("/api/ping")).isTrue();
		assertThat(AdmissionLimit.counts("/api/trains/7/updates")).isFalse();
		assertThat(AdmissionLimit.counts("/actuator/health")).isFalse();
	}

	@Test
	void aBoundBelowOneIsAMistake() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AdmissionLimit(0))
			.withMessageContaining("c10k.admission.max-in-flight");
	}

	private AdmissionLimit bound(int max) {
		AdmissionLimit limit = new AdmissionLimit(max);
		limit.bindTo(meters);
		return limit;
	}

}
