package lab.c10k.service.system;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import lab.c10k.common.redis.RedisKeys;
import lab.c10k.common.redis.UpdatesChannels;
import lab.c10k.common.sql.IdentitySql;
import lab.c10k.common.validation.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Wires the model-free pieces of common (key names, the body limit) to this service's settings and database, and
 * opens the MySQL pool at start.
 * The codec limit is the contract's body limit, so it comes from common rather than from a property:
 * a chunked body past it fails while it is read, and {@link ProblemHandler} answers 413.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(C10kProperties.class)
class ServiceConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ServiceConfiguration.class);

	/**
	 * Made after Flyway has migrated, so the identity exists; read once, blocking, while the context starts (no event
	 * loop serves requests yet). A database without one fails the start.
	 */
	@Bean
	@DependsOnDatabaseInitialization
	RedisKeys redisKeys(C10kProperties properties, DatabaseClient db) {
		String id = db.sql(IdentitySql.SELECT).map(row -> row.get(0, String.class)).one()
			.block(properties.mysql().timeout());
		if (id == null) {
			throw new IllegalStateException("No row in database_identity: the schema's migration V2 did not run");
		}
		return RedisKeys.forDatabase(properties.redis().keyPrefix(), id);
	}

	/** Sharded pub/sub on a Redis Cluster, classic pub/sub on one Redis (docs/scaling.md, Redis Cluster). */
	@Bean
	UpdatesChannels updatesChannels(RedisKeys keys, LettuceConnectionFactory redis) {
		return new UpdatesChannels(keys, redis.isClusterAware());
	}

	/**
	 * Opens the MySQL pool's connections at start, as Hikari's minimum-idle does for the other two
	 * services, instead of on the first requests' event loops.
	 */
	@Bean
	ApplicationRunner openMysqlConnections(ConnectionFactory connections) {
		return arguments -> {
			if (connections instanceof ConnectionPool pool) {
				pool.warmup().subscribe(null, ex -> log.warn("MySQL pool not warmed up: {}", ex.toString()));
			}
		};
	}

	@Bean
	CodecCustomizer bodyLimit() {
		return codecs -> codecs.defaultCodecs().maxInMemorySize(Limits.BODY_MAX_BYTES);
	}

}
