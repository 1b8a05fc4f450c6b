package lab.c10k.service.system;

import lab.c10k.common.redis.RedisKeys;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the model-free pieces of common (key names) to this service's settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(C10kProperties.class)
class ServiceConfiguration {

	@Bean
	RedisKeys redisKeys(C10kProperties properties) {
		return new RedisKeys(properties.redis().keyPrefix());
	}

}
