package lab.c10k.service.system;

import io.asyncer.r2dbc.mysql.MySqlConnectionFactoryProvider;

import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The event loops of this service: {@code c10k.event-loop-threads} threads on the
 * {@code c10k.transport} multiplexer carry every HTTP connection and every MySQL connection. Boot's
 * web server runs on the loop resources of the {@link ReactorResourceFactory}, so replacing it is
 * where the server's transport is decided; r2dbc-mysql is given the same loops, or it would pick a
 * transport of its own (io_uring first). Lettuce keeps its own loops. The loops are made while the
 * context starts, so an unavailable transport stops the start, with its reason, before a port is
 * bound, and native libraries are loaded on the starting thread, not on a first request's loop.
 */
@Configuration(proxyBeanMethods = false)
class EventLoops {

	@Bean(destroyMethod = "dispose")
	TransportLoopResources transportLoopResources(C10kProperties properties) {
		return new TransportLoopResources(properties.transport(), properties.eventLoopThreads(),
				properties.mysql().timeout());
	}

	@Bean
	ReactorResourceFactory reactorResourceFactory(TransportLoopResources loops) {
		ReactorResourceFactory factory = new ReactorResourceFactory();
		factory.setUseGlobalResources(false);
		factory.setLoopResources(loops);
		return factory;
	}

	@Bean
	ConnectionFactoryOptionsBuilderCustomizer mysqlOnTheEventLoops(TransportLoopResources loops) {
		return options -> options.option(MySqlConnectionFactoryProvider.LOOP_RESOURCES, loops);
	}

}
