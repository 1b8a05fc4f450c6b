package lab.c10k.service.system;

import lab.c10k.common.problem.ApiException;
import lab.c10k.common.problem.ProblemType;
import lab.c10k.metrics.AdmissionLimit;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses an API request at once when the service already serves {@code c10k.admission.max-in-flight} of them. No
 * thread is held here while a request waits, so without a bound the event loops would accept work as fast as it
 * arrives and every request would wait in the MySQL pool's queue of pending acquires, unbounded, until its own 2 s
 * acquire bound refuses it late. The request counts until its chain ends, answered, failed or cancelled by a client
 * that went away; a long poll does not count (it waits without work).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AdmissionFilter implements WebFilter {

	private final AdmissionLimit limit;

	AdmissionFilter(AdmissionLimit limit) {
		this.limit = limit;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!AdmissionLimit.counts(exchange.getRequest().getPath().value())) {
			return chain.filter(exchange);
		}
		return Mono.defer(() -> {
			if (!limit.tryEnter()) {
				return Mono.error(new ApiException(ProblemType.UNAVAILABLE, limit.refusalDetail()));
			}
			return chain.filter(exchange).doFinally(signal -> limit.leave());
		});
	}

}
