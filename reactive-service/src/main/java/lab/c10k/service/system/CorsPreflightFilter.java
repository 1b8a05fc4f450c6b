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
 * No browser is served, so there is no CORS configuration, and WebFlux would refuse every CORS
 * preflight with a 403 that has no body. A preflight is answered as the plain OPTIONS request it is
 * instead: the routes' Allow on a known path, a 404 problem on any other.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
class CorsPreflightFilter implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!exchange.getRequest().getHeaders().containsHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD)) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate()
			.request(request -> request.headers(headers -> headers.remove(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD)))
			.build());
	}

}
