package lab.c10k.service.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The project's own settings. {@code model} is what {@code X-Concurrency-Model} and
 * {@code /api/ping} report; it is configuration, not code, because the blocking and the
 * virtual-thread service run the same classes.
 */
@ConfigurationProperties("c10k")
public record C10kProperties(String model, @DefaultValue Redis redis) {

	public record Redis(@DefaultValue("c10k:") String keyPrefix, @DefaultValue("60s") Duration trainCacheTtl) {
	}

}
