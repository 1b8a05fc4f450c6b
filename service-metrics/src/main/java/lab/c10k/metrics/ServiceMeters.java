package lab.c10k.metrics;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import lab.c10k.common.problem.Problem;
import lab.c10k.common.problem.ProblemType;

/**
 * The counters of what the service did, under the same names and tags in all three models
 * (docs/metrics.md). Every tag value of the closed sets is registered at start with 0: a series
 * that appears only with its first event hides that event from {@code rate()}, and a dashboard
 * would show "no data" where the truth is "none yet".
 */
public final class ServiceMeters {

	public static final String PURCHASES = "c10k.purchases";

	public static final String CANCELS = "c10k.cancels";

	public static final String LONG_POLLS_COMPLETED = "c10k.longpoll.completed";

	public static final String PROBLEMS = "c10k.problems";

	private static final String PROBLEM_PREFIX = "/problems/";

	private final Map<PurchaseOutcome, Counter> purchases;

	private final Map<CancelOutcome, Counter> cancels;

	private final Map<LongPollOutcome, Counter> longPolls;

	private final Map<String, Counter> problems;

	public ServiceMeters(MeterRegistry registry) {
		this.purchases = outcomes(registry, PURCHASES, "Purchase requests by how they ended", PurchaseOutcome.class);
		this.cancels = outcomes(registry, CANCELS, "Cancel requests by how they ended", CancelOutcome.class);
		this.longPolls = outcomes(registry, LONG_POLLS_COMPLETED, "Long polls answered, by how they ended",
				LongPollOutcome.class);
		this.problems = Arrays.stream(ProblemType.values())
			.collect(Collectors.toUnmodifiableMap(ProblemType::uri, type -> Counter.builder(PROBLEMS)
				.description("Problem responses, by problem type")
				.tag("type", type.uri().substring(PROBLEM_PREFIX.length()))
				.tag("status", Integer.toString(type.status()))
				.register(registry)));
	}

	private static <E extends Enum<E> & Outcome> Map<E, Counter> outcomes(MeterRegistry registry, String name,
			String description, Class<E> outcomes) {
		Map<E, Counter> counters = new EnumMap<>(outcomes);
		for (E outcome : outcomes.getEnumConstants()) {
			counters.put(outcome,
					Counter.builder(name).description(description).tag("outcome", outcome.tag()).register(registry));
		}
		return counters;
	}

	public void purchase(PurchaseOutcome outcome) {
		purchases.get(outcome).increment();
	}

	public void cancel(CancelOutcome outcome) {
		cancels.get(outcome).increment();
	}

	public void longPoll(LongPollOutcome outcome) {
		longPolls.get(outcome).increment();
	}

	/** A problem response about to be written; one of the contract's types, else not counted. */
	public void problem(Problem problem) {
		Counter counter = problems.get(problem.type());
		if (counter != null) {
			counter.increment();
		}
	}

}
