package lab.c10k.vthreads;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.java21.instrument.binder.jdk.VirtualThreadMetrics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The observability virtual threads need, as wiring rather than as a fork of mvc-core: the JFR-fed
 * virtual-thread meters, and no Tomcat thread-pool gauges, which read -1 when Tomcat hands every
 * request to a virtual thread and would only put nonsense on the dashboards.
 */
@Configuration(proxyBeanMethods = false)
class VirtualThreadObservability {

	@Bean
	VirtualThreadMetrics virtualThreadMetrics() {
		return new VirtualThreadMetrics();
	}

	@Bean
	MeterFilter hideTomcatThreadPoolGauges() {
		return MeterFilter.denyNameStartsWith("tomcat.threads");
	}

}
