package lab.c10k.service.system;

import java.util.regex.Pattern;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reactor Netty's own server metrics ({@code reactor_netty_http_server_*}: connections, bytes, time
 * to first byte), off unless asked for. The {@code uri} tag is a route template, never a raw path:
 * one series per route, not one per train id a client can make up.
 */
@Configuration(proxyBeanMethods = false)
class ServerMetrics {

	private static final Pattern ONE_TRAIN = Pattern.compile("/api/trains/[^/]+(/(tickets|updates|audit))?");

	private static final Pattern ONE_TICKET = Pattern.compile("/api/tickets/[^/]+");

	/** Paths served as they are; anything else is a 404 and shares one tag value. */
	private static final Pattern FIXED = Pattern.compile("/api/ping|/api/trains|/actuator/(health|info|prometheus)");

	@Bean
	NettyServerCustomizer templatedUriMetrics() {
		return server -> server.metrics(true, ServerMetrics::uriTemplate);
	}

	static String uriTemplate(String path) {
		int query = path.indexOf('?');
		String route = query < 0 ? path : path.substring(0, query);
		if (FIXED.matcher(route).matches()) {
			return route;
		}
		var train = ONE_TRAIN.matcher(route);
		if (train.matches()) {
			return train.group(1) == null ? "/api/trains/{id}" : "/api/trains/{id}" + train.group(1);
		}
		return ONE_TICKET.matcher(route).matches() ? "/api/tickets/{id}" : "UNKNOWN";
	}

}
