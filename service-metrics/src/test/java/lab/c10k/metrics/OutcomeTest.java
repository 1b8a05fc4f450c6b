package lab.c10k.metrics;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import lab.c10k.common.problem.ApiException;
import lab.c10k.common.problem.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeTest {

	@Test
	void aPurchaseFailureTakesTheOutcomeOfTheProblemItIsAnsweredWith() {
		assertThat(PurchaseOutcome.of(ApiException.soldOut(1), false)).isEqualTo(PurchaseOutcome.SOLD_OUT);
		assertThat(PurchaseOutcome.of(ApiException.requestIdConflict("r"), false))
			.isEqualTo(PurchaseOutcome.REQUEST_ID_CONFLICT);
		assertThat(PurchaseOutcome.of(ApiException.trainNotFound(1), false)).isEqualTo(PurchaseOutcome.TRAIN_NOT_FOUND);
		assertThat(PurchaseOutcome.of(ApiException.invalid("passenger", "empty"), false))
			.isEqualTo(PurchaseOutcome.INVALID_REQUEST);
		assertThat(PurchaseOutcome.of(ApiException.requestInFlight("r"), false)).isEqualTo(PurchaseOutcome.UNAVAILABLE);
	}

	@Test
	void anOutageIsUnavailableWhateverItsException() {
		assertThat(PurchaseOutcome.of(new IllegalStateException("connection reset"), true))
			.isEqualTo(PurchaseOutcome.UNAVAILABLE);
		assertThat(CancelOutcome.of(new IllegalStateException("connection reset"), true))
			.isEqualTo(CancelOutcome.UNAVAILABLE);
	}

	@Test
	void anyOtherExceptionIsTheBugOutcome() {
		assertThat(PurchaseOutcome.of(new NullPointerException(), false)).isEqualTo(PurchaseOutcome.INTERNAL_ERROR);
		assertThat(CancelOutcome.of(ApiException.duplicateTrain("G1"), false)).isEqualTo(CancelOutcome.INTERNAL_ERROR);
	}

	@Test
	void aCancelOutcomeSaysWhetherASeatWentBack() {
		assertThat(CancelOutcome.of(true)).isEqualTo(CancelOutcome.CANCELLED);
		assertThat(CancelOutcome.of(false)).isEqualTo(CancelOutcome.ALREADY_CANCELLED);
		assertThat(CancelOutcome.of(ApiException.ticketNotFound(1), false)).isEqualTo(CancelOutcome.TICKET_NOT_FOUND);
	}

	@ParameterizedTest
	@EnumSource(PurchaseOutcome.class)
	void tagValuesAreLowerSnakeCase(PurchaseOutcome outcome) {
		assertThat(outcome.tag()).matches("[a-z_]+");
	}

	@Test
	void everyOutcomeButTheSuccessesIsAProblemTypeOfTheContract() {
		Set<String> problemTypes = Arrays.stream(ProblemType.values()).map(Enum::name).collect(Collectors.toSet());

		assertThat(Arrays.stream(PurchaseOutcome.values()).map(Enum::name))
			.filteredOn(name -> !problemTypes.contains(name))
			.containsExactlyInAnyOrder("SOLD", "REPLAYED");
		assertThat(Arrays.stream(CancelOutcome.values()).map(Enum::name))
			.filteredOn(name -> !problemTypes.contains(name))
			.containsExactlyInAnyOrder("CANCELLED", "ALREADY_CANCELLED");
	}

}
