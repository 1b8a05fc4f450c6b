package lab.c10k.service.system;

import lab.c10k.common.problem.ApiException;
import lab.c10k.common.problem.ProblemType;
import lab.c10k.common.validation.Limits;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses bodies over {@link Limits#BODY_MAX_BYTES} at once when Content-Length says so. A chunked
 * body has no length up front: the codec limit ({@link ServiceConfiguration}) stops it while it is
 * read, so a client can never make the service buffer more.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class BodySizeLimitFilter implements WebFilter {

	static final String DETAIL = "The body is larger than " + Limits.BODY_MAX_BYTES + " bytes";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getHeaders().getContentLength() > Limits.BODY_MAX_BYTES) {
			return Mono.error(new ApiException(ProblemType.PAYLOAD_TOO_LARGE, DETAIL));
		}
		return chain.filter(exchange);
	}

}
