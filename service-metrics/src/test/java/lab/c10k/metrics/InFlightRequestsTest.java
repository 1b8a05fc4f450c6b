package lab.c10k.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.RequestReplyReceiverContext;
import io.micrometer.observation.transport.RequestReplySenderContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightRequestsTest {

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final ObservationRegistry observations = ObservationRegistry.create();

	InFlightRequestsTest() {
		InFlightRequests inFlight = new InFlightRequests();
		inFlight.bindTo(meters);
		observations.observationConfig().observationHandler(inFlight);
	}

	@Test
	void countsServerRequestsFromStartToStop() {
		Observation first = serverRequest().start();
		Observation second = serverRequest().start();
		assertThat(inFlight()).isEqualTo(2);

		first.stop();
		assertThat(inFlight()).isEqualTo(1);
		second.stop();
		assertThat(inFlight()).isZero();
	}

	@Test
	void clientCallsAndOtherObservationsAreNotRequestsServed() {
		Observation.start("redis.command", () -> new RequestReplySenderContext<Object, Object>((carrier, key, value) -> {
		}), observations);
		Observation.start("task", observations);

		assertThat(inFlight()).isZero();
	}

	private Observation serverRequest() {
		return Observation.createNotStarted("http.server.requests",
				() -> new RequestReplyReceiverContext<Object, Object>((carrier, key) -> null), observations);
	}

	private double inFlight() {
		return meters.get(InFlightRequests.NAME).gauge().value();
	}

}
