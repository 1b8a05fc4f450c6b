package lab.c10k.service.system;

import lab.c10k.common.redis.RedisKeys;
import lab.c10k.common.sql.IdentitySql;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires the model-free pieces of common (key names) to this service's settings and its database, and gives Tomcat the
 * connector that times each request's wait for a thread ({@link QueueTimedNioProtocol}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(C10kProperties.class)
class ServiceConfiguration {

	/** Made after Flyway has migrated, so the identity exists; a database without one fails the start. */
	@Bean
	@DependsOnDatabaseInitialization
	RedisKeys redisKeys(C10kProperties properties, JdbcClient jdbc) {
		return RedisKeys.forDatabase(properties.redis().keyPrefix(),
				jdbc.sql(IdentitySql.SELECT).query(String.class).single());
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> queueTimedProtocol() {
		return factory -> factory.setProtocol(QueueTimedNioProtocol.class.getName());
	}

}
