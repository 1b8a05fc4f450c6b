package lab.c10k.service.system;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lab.c10k.common.problem.Problem;
import lab.c10k.common.problem.ProblemType;
import lab.c10k.metrics.AdmissionLimit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an API request at once, {@code 503} with {@code Retry-After}, when it waited longer than
 * {@code c10k.admission.max-queue-wait} for a Tomcat thread ({@link QueueWait}: the blocking model's queue, which has
 * no bound of its own), or when the service already serves {@code c10k.admission.max-in-flight} API requests (the
 * virtual-thread model's bound: it gives every request a thread at once, so nothing queues, and without a bound
 * every request would wait on the MySQL pool holding its buffers and stack). The request counts until its thread
 * leaves the chain; a long poll does not count (it waits without work) and is not filtered again when its async
 * result is dispatched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AdmissionFilter extends OncePerRequestFilter {

	private final AdmissionLimit limit;

	private final long maxQueueWaitMillis;

	private final ProblemWriter problems;

	AdmissionFilter(AdmissionLimit limit, @Value("${c10k.admission.max-queue-wait}") Duration maxQueueWait,
			ProblemWriter problems) {
		this.limit = limit;
		this.maxQueueWaitMillis = maxQueueWait.toMillis();
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !AdmissionLimit.counts(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long waited = QueueWait.takeMillis();
		if (waited > maxQueueWaitMillis) {
			limit.refuse();
			problems.write(response, Problem.of(ProblemType.UNAVAILABLE, "The request waited " + waited
					+ " ms for a thread, more than the service's " + maxQueueWaitMillis
					+ " ms; retry after Retry-After seconds"));
			return;
		}
		if (!limit.tryEnter()) {
			problems.write(response, Problem.of(ProblemType.UNAVAILABLE, limit.refusalDetail()));
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			limit.leave();
		}
	}

}
