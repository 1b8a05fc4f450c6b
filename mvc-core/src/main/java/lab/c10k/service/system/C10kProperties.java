package lab.c10k.service.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The project's own settings. {@code model} is what {@code X-Concurrency-Model} and
 * {@code /api/ping} report; it is configuration, not code, because the blocking and the
 * virtual-thread service run the same classes.
 */
@ConfigurationProperties("c10k")
public record C10kProperties(String model, @DefaultValue Redis redis, @DefaultValue Tomcat tomcat) {

	public record Redis(@DefaultValue("c10k:") String keyPrefix, @DefaultValue("60s") Duration trainCacheTtl) {
	}

	/**
	 * Tomcat's per-connection and per-request buffers that Boot has no property for; the defaults are Tomcat's own.
	 * {@code socketBuffer}: each connection's read and its write buffer (Tomcat's {@code socket.appReadBufSize} and
	 * {@code socket.appWriteBufSize}). {@code responseBuffer}: each request's response buffer.
	 */
	public record Tomcat(@DefaultValue("8KB") DataSize socketBuffer, @DefaultValue("8KB") DataSize responseBuffer) {
	}

}
