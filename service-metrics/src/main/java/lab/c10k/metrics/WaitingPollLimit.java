package lab.c10k.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * A bound on the long polls a service holds at once ({@code c10k.admission.max-waiting-polls}): past it a poll is
 * refused at once, {@code 503 unavailable} with {@code Retry-After}, and counted with the other refusals
 * ({@link AdmissionLimit#refuse()}). What a held poll costs differs by model (docs/fairness.md): a platform thread on
 * blocking, so the bound leaves threads for purchases; a virtual thread's stack and Tomcat's request buffers on virtual
 * threads, so the bound keeps them within the heap; a registration and a timer on reactive. Without it a crowd larger
 * than the service can hold starves every other request or ends in OutOfMemoryError.
 */
public final class WaitingPollLimit implements MeterBinder {

	public static final String LIMIT = "c10k.longpoll.limit";

	private final Slots held;

	private final AdmissionLimit refusals;

	public WaitingPollLimit(int max, AdmissionLimit refusals) {
		this.held = new Slots("c10k.admission.max-waiting-polls", max);
		this.refusals = refusals;
	}

	/** True when the poll may wait; the caller must then call {@link #release()} exactly once. */
	public boolean tryHold() {
		if (held.tryTake()) {
			return true;
		}
		refusals.refuse();
		return false;
	}

	public void release() {
		held.release();
	}

	public int held() {
		return held.taken();
	}

	/** The detail of the {@code unavailable} problem a refused poll is answered with. */
	public String refusalDetail() {
		return "The service holds its limit of " + held.max()
				+ " waiting long polls; retry after Retry-After seconds";
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(LIMIT, held, Slots::max)
			.description("Most long polls held at once (c10k.admission.max-waiting-polls)")
			.register(registry);
	}

}
