package lab.c10k.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * A bound on the API requests a service works on at once ({@code c10k.admission.max-in-flight}): past it a request is
 * refused at once, {@code 503 unavailable} with {@code Retry-After}, instead of waiting in a queue that grows without
 * end while the service falls further behind (docs/reliability.md, "Overload"). Waiting long polls do not count: they
 * hold no work, only a registration, and holding thousands of them is what the C10K comparison measures. Neither do
 * the actuator's endpoints, so that health checks and scrapes still answer when the API is full. Each web stack asks
 * before it does anything else with a request, and tells when the request ended, answered or abandoned.
 */
public final class AdmissionLimit implements MeterBinder {

	public static final String IN_FLIGHT = "c10k.admission.in.flight";

	public static final String LIMIT = "c10k.admission.limit";

	public static final String REFUSED = "c10k.admission.refused";

	private static final String API = "/api/";

	private static final String LONG_POLL_SUFFIX = "/updates";

	private final Slots inFlight;

	private volatile Counter refused;

	public AdmissionLimit(int max) {
		this.inFlight = new Slots("c10k.admission.max-in-flight", max);
	}

	/** Whether a request to this path counts against the bound: API requests other than long polls. */
	public static boolean counts(String path) {
		return path.startsWith(API) && !path.endsWith(LONG_POLL_SUFFIX);
	}

	/** True when the request may go on; the caller must then call {@link #leave()} exactly once. */
	public boolean tryEnter() {
		if (inFlight.tryTake()) {
			return true;
		}
		refuse();
		return false;
	}

	/** Counts a request refused for this limit or for another bound (a queue wait, the long polls' own). */
	public void refuse() {
		Counter counter = refused;
		if (counter != null) {
			counter.increment();
		}
	}

	public void leave() {
		inFlight.release();
	}

	public int inFlight() {
		return inFlight.taken();
	}

	/** The detail of the {@code unavailable} problem a refused request is answered with. */
	public String refusalDetail() {
		return "The service is serving its limit of " + inFlight.max()
				+ " requests at once; retry after Retry-After seconds";
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(IN_FLIGHT, inFlight, Slots::taken)
			.description("API requests admitted and not yet answered (long polls not counted)")
			.register(registry);
		Gauge.builder(LIMIT, inFlight, Slots::max)
			.description("Most API requests served at once (c10k.admission.max-in-flight)")
			.register(registry);
		refused = Counter.builder(REFUSED)
			.description("API requests refused with 503: the service was at its limit, they waited too long for a thread,"
					+ " or it held its most long polls")
			.register(registry);
	}

}
