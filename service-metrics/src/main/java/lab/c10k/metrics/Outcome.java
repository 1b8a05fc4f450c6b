package lab.c10k.metrics;

import java.util.Locale;

import lab.c10k.common.problem.ApiException;
import lab.c10k.common.problem.ProblemType;

/**
 * A value of an {@code outcome} tag. A failed outcome is named after the problem type its client is
 * answered with ({@code SOLD_OUT} for {@link ProblemType#SOLD_OUT}), so that the outcome of a
 * failure follows from the contract instead of from a second mapping that could drift from it.
 * A set whose failures are mapped here has {@code INTERNAL_ERROR}, for what no other outcome names.
 */
interface Outcome {

	String name();

	/** The tag value: the constant's name in lower case ({@code sold_out}). */
	default String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The outcome named after the problem {@code failure} is answered with: {@code UNAVAILABLE} when
	 * the caller's stack judges it an outage (a MySQL or Redis exception its problem handler answers
	 * with 503), the type of an {@link ApiException}, else {@code INTERNAL_ERROR}.
	 */
	static <E extends Enum<E> & Outcome> E ofFailure(Class<E> outcomes, Throwable failure, boolean outage) {
		ProblemType type = outage ? ProblemType.UNAVAILABLE
				: failure instanceof ApiException api ? api.type() : ProblemType.INTERNAL_ERROR;
		for (E outcome : outcomes.getEnumConstants()) {
			if (outcome.name().equals(type.name())) {
				return outcome;
			}
		}
		return Enum.valueOf(outcomes, ProblemType.INTERNAL_ERROR.name());
	}

}
