package lab.c10k.service.system;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Stamps every response, errors and actuator included, with the model that served it. The header is
 * set just before the response commits, so no error handler that resets headers can drop it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConcurrencyModelHeaderFilter implements WebFilter {

	static final String HEADER = "X-Concurrency-Model";

	private final String model;

	ConcurrencyModelHeaderFilter(C10kProperties properties) {
		this.model = properties.model();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getResponse().beforeCommit(() -> {
			exchange.getResponse().getHeaders().set(HEADER, model);
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

}
