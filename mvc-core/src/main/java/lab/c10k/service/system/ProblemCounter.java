package lab.c10k.service.system;

import lab.c10k.common.problem.Problem;
import lab.c10k.metrics.ServiceMeters;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Counts every problem the dispatcher writes ({@code c10k_problems_total}), whichever handler made
 * it: {@link ProblemHandler} for what fails in a controller, {@link ProblemErrorController} for what
 * fails around one. The two writers outside the dispatcher, {@link BodySizeLimitFilter} and
 * {@link ProblemErrorReportValve}, count their own.
 */
@RestControllerAdvice
class ProblemCounter implements ResponseBodyAdvice<Object> {

	private final ServiceMeters meters;

	ProblemCounter(ServiceMeters meters) {
		this.meters = meters;
	}

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		if (body instanceof Problem problem) {
			meters.problem(problem);
		}
		return body;
	}

}
