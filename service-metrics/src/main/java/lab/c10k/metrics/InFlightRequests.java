package lab.c10k.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.transport.RequestReplyReceiverContext;

/**
 * HTTP requests being served right now, waiting long polls included: one gauge, the same in both
 * web stacks, because it counts Spring's HTTP server observations (each stack starts one when a
 * request arrives and stops it when the response ends or the client goes away) rather than
 * hooking a servlet filter or a WebFilter. The scrape that reads it is one of them.
 * <p>
 * Micrometer's own {@code http.server.requests.active} long-task timer holds the same number, but
 * as a gauge histogram, whose series names depend on the exposition format a scraper negotiates
 * (OpenMetrics, text or protobuf): a plain gauge reads the same in all of them.
 */
public final class InFlightRequests implements ObservationHandler<Observation.Context>, MeterBinder {

	public static final String NAME = "c10k.http.requests.in.flight";

	private final AtomicInteger inFlight = new AtomicInteger();

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(NAME, inFlight, AtomicInteger::get)
			.description("HTTP requests being served right now, waiting long polls included")
			.register(registry);
	}

	/** Spring's server request contexts, servlet and reactive alike, are request-reply receiver contexts. */
	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof RequestReplyReceiverContext<?, ?>;
	}

	/** Requests being served now, as the gauge reads it. */
	public int current() {
		return inFlight.get();
	}

	@Override
	public void onStart(Observation.Context context) {
		inFlight.incrementAndGet();
	}

	@Override
	public void onStop(Observation.Context context) {
		inFlight.decrementAndGet();
	}

}
