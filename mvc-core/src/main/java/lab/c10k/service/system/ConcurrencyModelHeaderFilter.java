package lab.c10k.service.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Stamps every response, errors and actuator included, with the model that served it. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConcurrencyModelHeaderFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Concurrency-Model";

	private final String model;

	ConcurrencyModelHeaderFilter(C10kProperties properties) {
		this.model = properties.model();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader(HEADER, model);
		chain.doFilter(request, response);
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
