package lab.c10k.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives every service the same c10k meters, found by each application's component scan of
 * {@code lab.c10k}: a meter the three must agree on is declared here once, never per stack. Boot
 * binds the {@code MeterBinder}s to its registry and the observation handler to its observation
 * registry.
 */
@Configuration(proxyBeanMethods = false)
public class ServiceMetricsConfiguration {

	@Bean
	ServiceMeters serviceMeters(MeterRegistry registry) {
		return new ServiceMeters(registry);
	}

	@Bean
	ResidentMemory residentMemory() {
		return new ResidentMemory();
	}

	@Bean
	InFlightRequests inFlightRequests() {
		return new InFlightRequests();
	}

	/** Each service's application.yaml sets the bound: its value differs by model (docs/fairness.md). */
	@Bean
	AdmissionLimit admissionLimit(@Value("${c10k.admission.max-in-flight}") int maxInFlight) {
		return new AdmissionLimit(maxInFlight);
	}

	/** Each service's application.yaml sets it: what a held poll costs differs by model (docs/fairness.md). */
	@Bean
	WaitingPollLimit waitingPollLimit(@Value("${c10k.admission.max-waiting-polls}") int maxWaitingPolls,
			AdmissionLimit refusals) {
		return new WaitingPollLimit(maxWaitingPolls, refusals);
	}

}
