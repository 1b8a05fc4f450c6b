package lab.c10k.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import lab.c10k.common.problem.Problem;
import lab.c10k.common.problem.ProblemType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceMetersTest {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final ServiceMeters meters = new ServiceMeters(registry);

	@Test
	void everyOutcomeAndProblemTypeIsPublishedAtZeroFromTheStart() {
		assertThat(registry.find(ServiceMeters.PURCHASES).counters()).hasSize(PurchaseOutcome.values().length)
			.allMatch(counter -> counter.count() == 0);
		assertThat(registry.find(ServiceMeters.CANCELS).counters()).hasSize(CancelOutcome.values().length);
		assertThat(registry.find(ServiceMeters.LONG_POLLS_COMPLETED).counters())
			.hasSize(LongPollOutcome.values().length);
		assertThat(registry.find(ServiceMeters.PROBLEMS).counters()).hasSize(ProblemType.values().length);
	}

	@Test
	void eachEventCountsUnderItsOwnTagValue() {
		meters.purchase(PurchaseOutcome.SOLD);
		meters.purchase(PurchaseOutcome.SOLD);
		meters.purchase(PurchaseOutcome.SOLD_OUT);
		meters.cancel(CancelOutcome.ALREADY_CANCELLED);
		meters.longPoll(LongPollOutcome.WOKEN);

		assertThat(count(ServiceMeters.PURCHASES, "outcome", "sold")).isEqualTo(2);
		assertThat(count(ServiceMeters.PURCHASES, "outcome", "sold_out")).isEqualTo(1);
		assertThat(count(ServiceMeters.PURCHASES, "outcome", "replayed")).isZero();
		assertThat(count(ServiceMeters.CANCELS, "outcome", "already_cancelled")).isEqualTo(1);
		assertThat(count(ServiceMeters.LONG_POLLS_COMPLETED, "outcome", "woken")).isEqualTo(1);
	}

	@Test
	void problemsCountByTypeSlugWithTheirStatus() {
		meters.problem(Problem.of(ProblemType.SOLD_OUT, "Train 1 has no seat left"));

		assertThat(registry.get(ServiceMeters.PROBLEMS).tags("type", "sold-out", "status", "409").counter().count())
			.isEqualTo(1);
	}

	@Test
	void aProblemOfNoContractTypeIsNotCounted() {
		meters.problem(new Problem("/problems/made-up", "Made up", 418, "not in the contract"));

		assertThat(registry.find(ServiceMeters.PROBLEMS).counters()).allMatch(counter -> counter.count() == 0);
	}

	private double count(String name, String tag, String value) {
		return registry.get(name).tag(tag, value).counter().count();
	}

}
