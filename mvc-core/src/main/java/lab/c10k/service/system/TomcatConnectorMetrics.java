package lab.c10k.service.system;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat's request threads and connections, read from the connector itself under the names Micrometer's
 * {@code TomcatMetrics} uses ({@code tomcat_threads_busy_threads}, {@code tomcat_connections_current_connections},
 * ...). That binder reads them from Tomcat's MBeans, and with the MBean registry on Tomcat registers one MBean per
 * connection: a cost per connection that the reactive service does not pay, in the very comparison of 10,000 of them.
 * Under virtual threads the executor is no thread pool and the thread gauges read nothing (NaN); that service hides
 * them anyway.
 */
@Component
class TomcatConnectorMetrics implements TomcatConnectorCustomizer, MeterBinder {

	private volatile AbstractProtocol<?> protocol;

	@Override
	public void customize(Connector connector) {
		if (connector.getProtocolHandler() instanceof AbstractProtocol<?> handler) {
			this.protocol = handler;
		}
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauge(registry, "tomcat.threads.busy", "threads", "Request threads busy now",
				protocol -> pool(protocol, ThreadPoolExecutor::getActiveCount));
		gauge(registry, "tomcat.threads.current", "threads", "Request threads in the pool now",
				protocol -> pool(protocol, ThreadPoolExecutor::getPoolSize));
		gauge(registry, "tomcat.threads.config.max", "threads", "Most request threads the pool may have",
				protocol -> pool(protocol, ThreadPoolExecutor::getMaximumPoolSize));
		gauge(registry, "tomcat.connections.current", "connections", "Client connections Tomcat holds now",
				AbstractProtocol::getConnectionCount);
		gauge(registry, "tomcat.connections.config.max", "connections", "Most connections Tomcat accepts",
				AbstractProtocol::getMaxConnections);
	}

	private void gauge(MeterRegistry registry, String name, String unit, String description,
			ToDoubleFunction<AbstractProtocol<?>> reading) {
		Gauge.builder(name, this, metrics -> metrics.protocol == null ? Double.NaN : reading.applyAsDouble(metrics.protocol))
			.baseUnit(unit)
			.description(description)
			.strongReference(true)
			.register(registry);
	}

	private static double pool(AbstractProtocol<?> protocol, ToDoubleFunction<ThreadPoolExecutor> reading) {
		return protocol.getExecutor() instanceof ThreadPoolExecutor pool ? reading.applyAsDouble(pool) : Double.NaN;
	}

}
