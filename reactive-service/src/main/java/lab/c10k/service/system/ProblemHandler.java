package lab.c10k.service.system;

import lab.c10k.common.problem.ApiException;
import lab.c10k.common.problem.Problem;
import lab.c10k.common.problem.ProblemType;
import lab.c10k.metrics.ServiceMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Maps every failure to a problem of the contract. In this model an error is a signal travelling
 * down the same chain as a value, so one handler at the end of the chain sees them all: from a
 * controller, from routing (404, 405, 415), from a filter (413), from the codec. It runs before
 * Boot's own error handler (order -1). Details are written here, never copied from an exception.
 */
@Component
@Order(-2)
class ProblemHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	private static final MediaType PROBLEM_JSON = MediaType.parseMediaType(Problem.MEDIA_TYPE);

	private final JsonMapper json;

	private final ServiceMeters meters;

	ProblemHandler(JsonMapper json, ServiceMeters meters) {
		this.json = json;
		this.meters = meters;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(failure);
		}
		Problem problem = problemOf(failure);
		meters.problem(problem);
		response.setStatusCode(HttpStatusCode.valueOf(problem.status()));
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(PROBLEM_JSON);
		if (problem.status() == ProblemType.UNAVAILABLE.status()) {
			headers.set(HttpHeaders.RETRY_AFTER, Problem.RETRY_AFTER_SECONDS);
		}
		if (failure instanceof MethodNotAllowedException notAllowed) {
			headers.setAllow(notAllowed.getSupportedMethods());
		}
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(json.writeValueAsBytes(problem))));
	}

	private static Problem problemOf(Throwable failure) {
		if (failure instanceof ApiException api) {
			return api.problem();
		}
		if (failure instanceof MethodNotAllowedException notAllowed) {
			return Problem.of(ProblemType.METHOD_NOT_ALLOWED,
					"Method " + notAllowed.getHttpMethod() + " is not allowed here");
		}
		if (failure instanceof ResponseStatusException status) {
			return switch (status.getStatusCode().value()) {
				case 404 -> Problem.of(ProblemType.NOT_FOUND, "No such route");
				case 413 -> Problem.of(ProblemType.PAYLOAD_TOO_LARGE, BodySizeLimitFilter.DETAIL);
				case 415 -> Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The body must be application/json");
				case 400 -> Problem.of(ProblemType.INVALID_REQUEST, "Invalid 'body': could not be read");
				// Any other refusal of the request as sent (406 from an actuator endpoint, say) is a bad request.
				default -> status.getStatusCode().is4xxClientError()
						? Problem.of(ProblemType.INVALID_REQUEST, "Invalid 'request': it cannot be served as sent")
						: unexpected(failure);
			};
		}
		if (Outages.isOutage(failure)) {
			log.warn("Outage answered with 503: {}", failure.toString());
			return Problem.of(ProblemType.UNAVAILABLE, Outages.serverOf(failure) + " is unavailable; retry shortly");
		}
		return unexpected(failure);
	}

	private static Problem unexpected(Throwable failure) {
		log.error("Unexpected failure answered with 500", failure);
		return Problem.of(ProblemType.INTERNAL_ERROR, "Unexpected error");
	}

}
