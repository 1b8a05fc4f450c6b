package lab.c10k.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WaitingPollLimitTest {

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final AdmissionLimit admission = new AdmissionLimit(10);

	@Test
	void holdsUpToTheBoundThenRefusesUntilOneIsReleased() {
		WaitingPollLimit limit = bound(2);

		assertThat(limit.tryHold()).isTrue();
		assertThat(limit.tryHold()).isTrue();
		assertThat(limit.tryHold()).as("a third at once").isFalse();
		limit.release();
		assertThat(limit.tryHold()).as("after one was released").isTrue();

		assertThat(limit.held()).isEqualTo(2);
		assertThat(meters.get(WaitingPollLimit.LIMIT).gauge().value()).isEqualTo(2);
		assertThat(meters.get(AdmissionLimit.REFUSED).counter().count()).as("counted with the other refusals")
			.isEqualTo(1);
		assertThat(admission.inFlight()).as("a poll takes no in-flight slot").isZero();
	}

	@Test
	void namesItsBoundWhenItRefuses() {
		assertThat(bound(3).refusalDetail()).contains("limit of 3 waiting long polls").contains("Retry-After");
	}

	@Test
	void aBoundBelowOneIsAConfigurationError() {
		assertThatIllegalArgumentException().isThrownBy(() -> new WaitingPollLimit(0, admission))
			.withMessageContaining("c10k.admission.max-waiting-polls");
	}

	private WaitingPollLimit bound(int max) {
		WaitingPollLimit limit = new WaitingPollLimit(max, admission);
		admission.bindTo(meters);
		limit.bindTo(meters);
		return limit;
	}

}
