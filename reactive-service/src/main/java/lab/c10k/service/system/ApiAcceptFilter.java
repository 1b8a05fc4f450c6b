package lab.c10k.service.system;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The API has one representation: JSON, and problem+json for errors. Its routes disregard
 * {@code Accept} (RFC 9110 allows it), so that {@code Accept: text/html} gets the JSON rather than a
 * 406 the contract does not know, and {@code Accept: application/problem+json} cannot relabel a train
 * as a problem. Actuator keeps its own negotiation.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class ApiAcceptFilter implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!exchange.getRequest().getPath().value().startsWith("/api/")
				|| !exchange.getRequest().getHeaders().containsHeader(HttpHeaders.ACCEPT)) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate()
			.request(request -> request.headers(headers -> headers.remove(HttpHeaders.ACCEPT)))
			.build());
	}

}
