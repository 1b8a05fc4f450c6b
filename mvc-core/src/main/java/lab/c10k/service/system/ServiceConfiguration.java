package lab.c10k.service.system;

import lab.c10k.common.redis.RedisKeys;
import lab.c10k.common.redis.UpdatesChannels;
import lab.c10k.common.sql.IdentitySql;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires the model-free pieces of common (key names) to this service's settings and its database, and gives Tomcat the
 * connector that times each request's wait for a thread ({@link ServiceNioProtocol}) with the buffer sizes of
 * {@code c10k.tomcat}.
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

	/** Sharded pub/sub on a Redis Cluster, classic pub/sub on one Redis (docs/scaling.md, Redis Cluster). */
	@Bean
	UpdatesChannels updatesChannels(RedisKeys keys, LettuceConnectionFactory redis) {
		return new UpdatesChannels(keys, redis.isClusterAware());
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> serviceProtocol(C10kProperties properties) {
		String socketBuffer = String.valueOf(properties.tomcat().socketBuffer().toBytes());
		String responseBuffer = String.valueOf(properties.tomcat().responseBuffer().toBytes());
		return factory -> {
			factory.setProtocol(ServiceNioProtocol.class.getName());
			factory.addConnectorCustomizers(connector -> {
				connector.setProperty("socket.appReadBufSize", socketBuffer);
				connector.setProperty("socket.appWriteBufSize", socketBuffer);
				connector.setProperty("responseBufferSize", responseBuffer);
			});
		};
	}

}
